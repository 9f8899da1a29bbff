import { Box, Button, Text, useNavigate } from "zmp-ui";
import type { ChaseItem } from "../../../domain/units/roster.schema";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { useApi } from "../../shared/api/use-api";
import { paths } from "../../shared/config/paths";
import { useSession } from "../../shared/state/session-state";
import { foldVietnamese } from "../../shared/components/unit-picker";

/** The signed-in person's own row in this unit's list is not tied to their account yet. */
export function useSelfMatch(unitCode: string) {
  const { user } = useSession();
  const mine = user?.unitCode === unitCode;
  const status = useApi(unitsEndpoints.myStatus, mine ? {} : null);
  const unmatched = mine && status.data !== undefined && !status.data.onRoster;
  const isProbablyMe = (item: ChaseItem) => unmatched && item.userId === null && !!user?.fullName && foldVietnamese(item.fullName) === foldVietnamese(user.fullName);
  return { unmatched, isProbablyMe };
}

/** Says so, and how to fix it: a lead reading "chưa đăng nhập" against their own name would be misled. */
export function SelfMatchNotice() {
  const navigate = useNavigate();
  return (
    <Box className="card mt-3 notice" role="note" aria-label="Tài khoản của bạn chưa khớp với danh sách">
      <Text bold>Bạn đã đăng nhập nhưng tài khoản chưa được ghép với danh sách của đơn vị.</Text>
      <Text size="small" className="mt-1">
        Vì vậy dòng mang tên bạn trong danh sách vẫn hiện “chưa đăng nhập” và kết quả của bạn chưa được tính cho đơn vị. Hãy xác minh số
        điện thoại qua Zalo: nếu số trùng với số trong danh sách, tài khoản được ghép ngay. Nếu danh sách ghi số khác hoặc không ghi số, hãy
        sửa số điện thoại trong tệp danh sách rồi tải lên lại.
      </Text>
      <Button className="mt-2" size="small" onClick={() => navigate(paths.phone.getHref())}>
        Xác minh số điện thoại
      </Button>
    </Box>
  );
}

/** On the chase list, next to the row that carries the person's own name. */
export function ThisIsMeTag() {
  return <span className="chase-me">Có thể là bạn: chưa ghép tài khoản</span>;
}
