import type { ContestPack } from "../../content/pack-loader";
import type { Db } from "../../db/database";
import { readSetting, writeSetting } from "./demo.repository";
import { buildSyntheticCity, type CityPerson, insertCity, mulberry32 } from "./synthetic-city";

/** About the staff of a city's communes and departments taking part (a few thousand: fast to seed, real-looking boards). */
export const DEMO_PEOPLE = 6000;
const SEEDED = "seed.done";

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Đinh", "Phan", "Mạc", "Lương", "Hà"];
const MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thanh", "Công", "Ngọc", "Tiến"];
const MIDDLE_F = ["Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Minh", "Phương", "Thùy", "Kim", "Diệu"];
const GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Minh", "Nam", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Phong", "Đạt"];
const GIVEN_F = ["Anh", "Châu", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Phương", "Tâm", "Thảo", "Trang", "Vân", "Yến", "Dung", "Huyền", "Nhung"];
const COMMUNE_PARTS = ["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công"];
const DEPT_PARTS = ["Văn phòng", "Thanh tra", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý chuyên ngành", "Trung tâm trực thuộc"];
const POSITIONS = ["Chuyên viên", "Chuyên viên", "Chuyên viên", "Công chức", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng"];

/** Names, sub-units and positions from their own generator, so the city's shape does not depend on them. */
function people(seed: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return {
    fullName: (_p: CityPerson) => {
      const female = rnd() < 0.55;
      return `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(female ? GIVEN_F : GIVEN_M)}`;
    },
    subUnit: (p: CityPerson) => {
      const parts = p.unit.kind === "so_nganh" ? DEPT_PARTS : COMMUNE_PARTS;
      return parts[p.k % parts.length]!;
    },
    position: (_p: CityPerson) => pick(POSITIONS),
  };
}

/**
 * Seed the demo city once (AUTH_DEV, demo pack): every unit's list, people at every stage of
 * progress, finished tests, a lead per unit. Activity lies between Stage 1's opening and `now`.
 */
export async function seedDemoCity(db: Db, pack: ContestPack, now: Date, count = DEMO_PEOPLE): Promise<{ seeded: boolean; people: number }> {
  if (await readSetting(db, SEEDED)) return { seeded: false, people: 0 };
  const from = Date.parse(pack.stages[0]!.opensAt);
  const to = Math.max(from + 60_000, Math.min(now.getTime(), Date.parse(pack.stages[0]!.closesAt)) - 60_000);
  const city = buildSyntheticCity({
    units: pack.units,
    lessonIds: pack.lessons.map((l) => l.id),
    people: count,
    from,
    to,
    now: now.toISOString(),
    seed: 20261202,
    // 0970000001…: away from numbers people are likely to type in the demo.
    phoneBase: 70_000_000,
    leads: true,
    ...people(7),
  });
  // One transaction with the mark: a seed interrupted half-way leaves nothing, and runs again next start.
  await insertCity(db, city, (trx) => writeSetting(trx, SEEDED, String(city.roster.length), now));
  return { seeded: true, people: city.roster.length };
}
