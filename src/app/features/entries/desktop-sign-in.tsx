import { type ReactElement, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { TextField } from "../../shared/components/text-field";
import { errorMessage } from "../../shared/errors/error-messages";
import { useSession } from "../../shared/state/session-state";

/**
 * Office PC: the entry link opened in a desktop browser shows a 6-digit code; the person confirms it
 * in the mini app (Cá nhân → Đăng nhập trên máy tính) and this page signs in. No password.
 */
export function DesktopSignIn(props: { otherWay: ReactElement }) {
  const { signIn } = useSession();
  const [other, setOther] = useState(false);
  const [code, setCode] = useState<{ code: string; pollToken: string; expiresAt: string } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  const fresh = () => {
    setProblem(null);
    call(E.desktopCode).then(setCode, setProblem);
  };
  useEffect(fresh, []);
  useEffect(() => {
    if (!code) return;
    const timer = setInterval(() => {
      call(E.desktopPoll, { params: { pollToken: code.pollToken } }).then(
        (r) => r.status === "confirmed" && r.session && signIn(r.session),
        (err: unknown) => {
          clearInterval(timer);
          setCode(null);
          setProblem(err);
        },
      );
    }, 2000);
    return () => clearInterval(timer);
  }, [code, signIn]);

  if (other) return props.otherWay;
  return (
    <Page className="page">
      <Box className="card">
        <Text.Title size="large">Đăng nhập trên máy tính</Text.Title>
        <Text className="mt-2">Mở Học vụ AI trong Zalo trên điện thoại → Cá nhân → “Đăng nhập trên máy tính”, rồi nhập mã:</Text>
        {code ? (
          <p className="desktop-code" data-testid="desktop-code">
            {code.code}
          </p>
        ) : null}
        {problem ? <Text role="alert">{errorMessage(problem)}</Text> : <Text size="small">Mã có hiệu lực 5 phút. Trang này tự mở hồ sơ khi bạn xác nhận.</Text>}
        {!code ? <Button className="mt-3" onClick={fresh}>Lấy mã mới</Button> : null}
        <Button className="mt-3" variant="tertiary" onClick={() => setOther(true)}>
          Cách đăng nhập khác
        </Button>
      </Box>
    </Page>
  );
}

/** Mini app: confirm the code shown on the office PC. */
export function DesktopConfirmPage() {
  const [search] = useSearchParams();
  const [code, setCode] = useState(search.get("code") ?? "");
  const [done, setDone] = useState(false);
  const confirm = useAction(async () => {
    await call(E.desktopConfirm, { body: { code } });
    setDone(true);
  });
  return (
    <Page className="page">
      <Box className="card form">
        <Text.Title size="large">Đăng nhập trên máy tính</Text.Title>
        <Text className="mt-2">Trên máy tính, mở đường dẫn hồ sơ dự thi (hoặc địa chỉ của ứng dụng) bằng trình duyệt; trang sẽ hiện một mã 6 chữ số. Nhập mã đó vào đây.</Text>
        {done ? (
          <Text role="status">Đã xác nhận. Máy tính sẽ tự đăng nhập trong vài giây.</Text>
        ) : (
          <>
            <TextField label="Mã trên máy tính" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} />
            <Button className="mt-2" fullWidth loading={confirm.busy} disabled={!/^\d{3}\s?\d{3}$/.test(code.trim())} onClick={() => void confirm.run()}>
              Xác nhận đăng nhập
            </Button>
          </>
        )}
      </Box>
    </Page>
  );
}
