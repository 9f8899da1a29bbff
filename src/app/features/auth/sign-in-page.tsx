import { type ReactNode, useEffect, useState } from "react";
import { Box, Button, Page, Spinner, Text } from "zmp-ui";
import { authEndpoints } from "../../../domain/auth/auth.endpoints";
import type { Role } from "../../../domain/auth/auth.schema";
import { isInsideZalo, zaloAccessToken } from "../../fence/zalo";
import { TextField } from "../../shared/components/text-field";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { errorMessage } from "../../shared/errors/error-messages";
import { useSession } from "../../shared/state/session-state";

const ROLE_LABELS: Record<Role, string> = { staff: "Cán bộ, công chức", unit_lead: "Lãnh đạo đơn vị", organizer: "Ban tổ chức", judge: "Giám khảo" };

/** Inside Zalo: sign in silently with the Zalo token. In a browser (demo): a name and a role. */
export function SignInPage(props: { demoAccounts?: ReactNode } = {}) {
  const { signIn } = useSession();
  const inZalo = isInsideZalo();
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("staff");
  // Sign-in failures are shown on the page (there is nothing else on screen), not as a snackbar.
  const action = useAction(async (request: () => Promise<Parameters<typeof signIn>[0]>) => {
    setError(null);
    signIn(await request());
  }, { snackbar: false, onError: (err) => setError(errorMessage(err)) });
  const busy = action.busy;

  const zaloSignIn = () =>
    action.run(async () => call(authEndpoints.signInWithZalo, { body: { accessToken: await zaloAccessToken() } }));

  useEffect(() => {
    if (inZalo) void zaloSignIn();
    // Runs once on open; retry is a button.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const devSignIn = async () => {
    if (name.trim().length < 2) {
      setError("Vui lòng nhập họ tên (ít nhất 2 ký tự).");
      return;
    }
    await action.run(() => call(authEndpoints.signInDev, { body: { name: name.trim(), role } }));
  };

  return (
    <Page className="page sign-in">
      <Box p={4}>
        <Text.Title size="xLarge">Học vụ AI</Text.Title>
        <Text className="mt-2">Cuộc thi “Ứng dụng AI trong thực thi nhiệm vụ của các cơ quan hành chính” – thành phố Hải Phòng.</Text>
        {inZalo ? (
          <Box mt={6}>
            {busy ? (
              <Box flex alignItems="center">
                <Spinner visible />
                <Text className="ml-3">Đang đăng nhập bằng Zalo…</Text>
              </Box>
            ) : null}
            {error ? (
              <>
                <Text role="alert" className="error-text">{error}</Text>
                <Button className="mt-3" fullWidth onClick={() => void zaloSignIn()}>Thử lại</Button>
              </>
            ) : null}
          </Box>
        ) : (
          <Box mt={6}>
            <Text className="muted">Bạn đang mở ứng dụng ngoài Zalo (chế độ trình diễn). Nhập họ tên để vào thử.</Text>
            <TextField className="mt-3" label="Họ và tên" placeholder="Ví dụ: Nguyễn Thị Lan" value={name} onChange={(e) => setName(e.target.value)} />
            {/* Four visible choices (no picker sheet): readable at large text, and the first screen stays light. */}
            <fieldset className="role-choices mt-3">
              <legend className="field-label">Vai trò (chỉ trong bản trình diễn)</legend>
              {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
                <label key={r} className="check-row role-choice">
                  <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
                  <span>{ROLE_LABELS[r]}</span>
                </label>
              ))}
            </fieldset>
            {error ? <Text role="alert" className="error-text mt-2">{error}</Text> : null}
            <Button className="mt-4" fullWidth loading={busy} onClick={() => void devSignIn()}>Vào ứng dụng</Button>
            <Text size="small" className="muted mt-2">Cùng họ tên và vai trò sẽ vào lại đúng tài khoản cũ, giữ nguyên tiến độ.</Text>
            {props.demoAccounts}
          </Box>
        )}
      </Box>
    </Page>
  );
}
