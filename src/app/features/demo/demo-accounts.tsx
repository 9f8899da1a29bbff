import { Box, Button, Text } from "zmp-ui";
import type { Role } from "../../../domain/auth/auth.schema";
import { DemoAccountsResponseSchema } from "../../../domain/demo/demo.schema";
import { SessionResponseSchema } from "../../../domain/auth/auth.schema";
import { api } from "../../shared/api/api-client";
import { useApi } from "../../shared/api/use-api";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";

const ROLE: Record<Role, string> = { staff: "Cán bộ, công chức", unit_lead: "Lãnh đạo đơn vị", organizer: "Ban tổ chức", judge: "Giám khảo" };

/** Demo only: the accounts the demo sign-in already made, to switch roles without losing progress. */
export function DemoAccounts(props: { currentId?: string; title?: string }) {
  const accounts = useApi("/api/demo/accounts", DemoAccountsResponseSchema);
  const { signIn } = useSession();
  const notify = useNotify();
  const others = (accounts.data?.accounts ?? []).filter((a) => a.id !== props.currentId);
  if (others.length === 0) return null;
  const use = async (id: string) => {
    try {
      signIn(await api.post(`/api/demo/accounts/${id}/session`, SessionResponseSchema));
    } catch (err) {
      notify.error(err);
    }
  };
  return (
    <Box mt={6} className="demo-accounts">
      <Text.Title size="small">{props.title ?? "Tài khoản trình diễn đã có"}</Text.Title>
      <ul className="demo-account-list" aria-label={props.title ?? "Tài khoản trình diễn đã có"}>
        {others.map((a) => (
          <li key={a.id}>
            <Button variant="secondary" size="small" fullWidth onClick={() => void use(a.id)}>
              {a.name} · {ROLE[a.role]}
              {a.unitName ? ` · ${a.unitName}` : ""}
            </Button>
          </li>
        ))}
      </ul>
    </Box>
  );
}
