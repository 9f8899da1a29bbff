import type { ReactNode } from "react";
import { Box, Button, Spinner, Text } from "zmp-ui";
import { errorMessage } from "../errors/error-messages";

/** Loading spinner, or the error in Vietnamese with a retry button, or the content. */
export function LoadState<T>(props: { data: T | undefined; error: unknown; loading: boolean; reload: () => void; children: (data: T) => ReactNode }) {
  if (props.data !== undefined) return <>{props.children(props.data)}</>;
  if (props.error) {
    return (
      <Box p={4} role="alert" className="load-error">
        <Text>{errorMessage(props.error)}</Text>
        <Button className="mt-3" variant="secondary" onClick={props.reload}>
          Thử lại
        </Button>
      </Box>
    );
  }
  return (
    <Box p={6} flex justifyContent="center" aria-busy="true">
      <Spinner visible />
      <span className="sr-only">Đang tải…</span>
    </Box>
  );
}
