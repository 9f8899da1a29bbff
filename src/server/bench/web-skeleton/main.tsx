/**
 * The floor of `npm run bench:web`: a bare Zalo Mini App as zmp-cli's zmp-ui template starts
 * one (zmp-ui App + router + a page of boxes, text, an input and a button; recoil state fed by
 * zmp-sdk), built and served exactly like the real app.
 */
import "zmp-ui/zaui.css";
import { createRoot } from "react-dom/client";
import { atom, RecoilRoot, useRecoilState, useRecoilValueLoadable, selector } from "recoil";
// eslint-disable-next-line no-restricted-imports -- a stand-alone fixture, not part of the app
import { getSystemInfo } from "zmp-sdk";
import { AnimationRoutes, App, Box, Button, Input, Page, Route, SnackbarProvider, Text, ZMPRouter } from "zmp-ui";

const nameState = atom({ key: "name", default: "" });
const platformState = selector({
  key: "platform",
  get: () => {
    try {
      return getSystemInfo().platform ?? "web";
    } catch {
      return "web";
    }
  },
});

function HomePage() {
  const [name, setName] = useRecoilState(nameState);
  const platform = useRecoilValueLoadable(platformState);
  return (
    <Page className="page">
      <Box p={4}>
        <Text.Title size="xLarge">Ứng dụng mẫu</Text.Title>
        <Text className="mt-2">Nền tảng: {platform.state === "hasValue" ? platform.contents : "…"}</Text>
        <Input label="Họ và tên" value={name} onChange={(e) => setName(e.target.value)} />
        <Button fullWidth className="mt-4">
          Tiếp tục
        </Button>
      </Box>
    </Page>
  );
}

function Root() {
  return (
    <RecoilRoot>
      <App>
        <SnackbarProvider>
          <ZMPRouter>
            <AnimationRoutes>
              <Route path="/" element={<HomePage />} />
              <Route path="*" element={<HomePage />} />
            </AnimationRoutes>
          </ZMPRouter>
        </SnackbarProvider>
      </App>
    </RecoilRoot>
  );
}

const w = window as { APP_ID?: string };
w.APP_ID ??= "local";
const base = `/zapps/${w.APP_ID}`;
if (!location.pathname.startsWith(base)) history.replaceState(null, "", `${base}${location.pathname}`);
createRoot(document.getElementById("app")!).render(<Root />);
