import { useCallback } from "react";
import { useSnackbar } from "zmp-ui";
import { errorMessage } from "../errors/error-messages";

/** Show any failure as a Vietnamese snackbar (never a stack trace, never silence). */
export function useNotify() {
  const { openSnackbar } = useSnackbar();
  const error = useCallback((err: unknown) => openSnackbar({ text: errorMessage(err), type: "error", duration: 5000 }), [openSnackbar]);
  const success = useCallback((text: string) => openSnackbar({ text, type: "success", duration: 3000 }), [openSnackbar]);
  const info = useCallback((text: string) => openSnackbar({ text, type: "info", duration: 4000 }), [openSnackbar]);
  return { error, success, info };
}
