import { Component, type ErrorInfo, type ReactNode } from "react";
import { Box, Button, Text } from "zmp-ui";

type Props = { children: ReactNode };
type State = { failed: boolean };

/** One per page: a crash in one page shows a way out instead of a white screen. */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("page crashed", error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Box p={4} role="alert">
        <Text.Title size="large">Đã có lỗi khi hiển thị trang này</Text.Title>
        <Text className="mt-2">Dữ liệu của bạn vẫn được giữ. Vui lòng thử lại.</Text>
        <Button className="mt-4" fullWidth onClick={() => this.setState({ failed: false })}>
          Thử lại
        </Button>
      </Box>
    );
  }
}
