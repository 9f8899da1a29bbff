import { useState } from "react";
import { Button, Text, useNavigate } from "zmp-ui";
import { peopleEndpoints } from "../../../domain/people/people.endpoints";
import { ROLE_TEXT } from "./people-texts";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { TextField } from "../../shared/components/text-field";
import { paths } from "../../shared/config/paths";
import { useSession } from "../../shared/state/session-state";
import { OrganizersOnly, TitledPage } from "../../shared/components/page-layout";

/** Organisers: "Tra cứu cán bộ" — find a person by name, phone or unit code, then open their page. */
export function PeoplePage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [unit, setUnit] = useState("");
  const [query, setQuery] = useState<{ q?: string; unitCode?: string } | null>(null);
  const result = useApi(peopleEndpoints.search, user?.role === "organizer" && query ? { query: { ...query, limit: 30 } } : null);
  if (user?.role !== "organizer") return <OrganizersOnly />;
  const search = () => {
    const q = text.trim();
    const unitCode = unit.trim();
    if (!q && !unitCode) return;
    setQuery({ ...(q ? { q } : {}), ...(unitCode ? { unitCode } : {}) });
  };
  return (
    <TitledPage className="page people" title="Tra cứu cán bộ">
      <form
        className="mt-3"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <TextField label="Họ tên hoặc số điện thoại" value={text} onChange={(e) => setText(e.target.value)} />
        <TextField label="Mã đơn vị (không bắt buộc)" value={unit} onChange={(e) => setUnit(e.target.value)} />
        <Button className="mt-3" fullWidth htmlType="submit">
          Tìm
        </Button>
      </form>
      {query ? (
        <LoadState {...result}>
          {(r) =>
            r.people.length === 0 ? (
              <Text className="mt-3">Không tìm thấy ai.</Text>
            ) : (
              <ul className="people-list mt-3" aria-label="Kết quả">
                {r.people.map((p) => (
                  <li key={p.id}>
                    <Button variant="tertiary" fullWidth onClick={() => navigate(paths.person.getHref(p.id))}>
                      {p.fullName ?? p.zaloName ?? "(chưa có tên)"} · {p.phone ?? "chưa xác minh SĐT"} · {p.unitName ?? p.unitCode ?? "chưa có đơn vị"} · {ROLE_TEXT[p.role]}
                      {p.mergedInto ? " · đã gộp" : ""}
                    </Button>
                  </li>
                ))}
                {r.more ? <li>Còn nữa — hãy gõ cụ thể hơn.</li> : null}
              </ul>
            )
          }
        </LoadState>
      ) : null}
    </TitledPage>
  );
}
