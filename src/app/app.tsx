import { useEffect } from "react";
import { RecoilRoot } from "recoil";
import { App as ZaloApp, SnackbarProvider, ZMPRouter } from "zmp-ui";
import { AppRoutes } from "./app-routes";
import { onUnauthorized } from "./shared/api/api-client";
import { useSession } from "./shared/state/session-state";

/** A 401 anywhere drops the stored session so the person signs in again. */
function SessionGuard() {
  const { signOut } = useSession();
  useEffect(() => onUnauthorized(signOut), [signOut]);
  return null;
}

export function Root() {
  return (
    <RecoilRoot>
      <ZaloApp>
        <SnackbarProvider>
          <ZMPRouter>
            <SessionGuard />
            <AppRoutes />
          </ZMPRouter>
        </SnackbarProvider>
      </ZaloApp>
    </RecoilRoot>
  );
}
