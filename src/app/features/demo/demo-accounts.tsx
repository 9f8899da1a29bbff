import { Box, Button, Text } from "zmp-ui";
import type { Role } from "../../../domain/auth/auth.schema";
import { demoEndpoints } from "../../../domain/demo/demo.endpoints";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { useSession } from "../../shared/state/session-state";

const ROLE: Record<Role, string> = { staff: "Cán bộ, công chức", unit_lead: "Lãnh đạo đơn vị", organizer: "Ban tổ chức", judge: "Giám khảo" };

/** Demo only: the accounts the demo sign-in already made, to switch roles without losing progress. */
export function DemoAccounts(props: { currentId?: string; title?: string }) {
  // Outside the demo the server answers 404 and the list stays empty: nothing is shown.
  const accounts = useApi(demoEndpoints.accounts);
  const { signIn } = useSession();
  const use = useAction(async (id: string) => signIn(await call(demoEndpoints.accountSession, { params: { id } })));
  const others = (accounts.data?.accounts ?? []).filter((a) => a.id !== props.currentId);
  if (others.length === 0) return null;
  return (
    <Box mt={6} className="demo-accounts">
      <Text.Title size="small">{props.title ?? "Tài khoản trình diễn đã có"}</Text.Title>
      <ul className="demo-account-list" aria-label={props.title ?? "Tài khoản trình diễn đã có"}>
        {others.map((a) => (
          <li key={a.id}>
            <Button variant="secondary" size="small" fullWidth disabled={use.busy} onClick={() => void use.run(a.id)}>
              {a.name} · {ROLE[a.role]}
              {a.unitName ? ` · ${a.unitName}` : ""}
            </Button>
          </li>
        ))}
      </ul>
    </Box>
  );
}
