import { useCallback, useRef } from "react";
import { Box, Button, Page, Spinner, Text, useNavigate } from "zmp-ui";
import { remindersEndpoints } from "../../../domain/reminders/reminders.endpoints";
import type { InboxItem } from "../../../domain/reminders/reminders.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useLoad } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotificationConsent } from "../../shared/components/notification-consent";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSetInboxUnread } from "../../shared/state/inbox-unread";
import { markReadOrQueue, pendingReads } from "./pending-reads";

type Inbox = { items: InboxItem[]; nextCursor: string | null };

/** The first page, then more on demand; reads kept offline show as read straight away. */
function useInbox() {
  const setUnread = useSetInboxUnread();
  const withPending = useCallback((items: InboxItem[]) => {
    const pending = new Set(pendingReads());
    return items.map((i) => (pending.has(i.id) && !i.readAt ? { ...i, readAt: new Date().toISOString() } : i));
  }, []);

  const inbox = useLoad(
    async (signal): Promise<Inbox> => {
      const res = await call(remindersEndpoints.inbox, { signal });
      setUnread(Math.max(0, res.unread - pendingReads().length));
      return { items: withPending(res.items), nextCursor: res.nextCursor };
    },
    [setUnread, withPending],
  );
  const { data, setData } = inbox;

  const more = useAction(async () => {
    if (!data?.nextCursor) return;
    const res = await call(remindersEndpoints.inbox, { query: { cursor: data.nextCursor } });
    setData({ items: [...data.items, ...withPending(res.items)], nextCursor: res.nextCursor });
  });

  return { ...inbox, loadMore: more.run, loadingMore: more.busy };
}

export function InboxPage() {
  const inbox = useInbox();
  const navigate = useNavigate();
  const notify = useNotify();
  const setUnread = useSetInboxUnread();
  const consent = useNotificationConsent();
  const marking = useRef(new Set<string>());

  const markRead = async (item: InboxItem) => {
    if (item.readAt || marking.current.has(item.id)) return;
    marking.current.add(item.id);
    // Optimistic: the badge and the item change at once; the server (or the offline queue) follows.
    inbox.setData((d) => d && { ...d, items: d.items.map((i) => (i.id === item.id ? { ...i, readAt: new Date().toISOString() } : i)) });
    setUnread((n) => Math.max(0, n - 1));
    try {
      const unread = await markReadOrQueue(item.id);
      if (unread !== null) setUnread(unread);
      else notify.info("Đang mất kết nối: đã ghi nhận trên máy, sẽ đồng bộ khi có mạng.");
    } catch (err) {
      notify.error(err);
      void inbox.reload();
    } finally {
      marking.current.delete(item.id);
    }
  };

  const open = (item: InboxItem) => {
    void markRead(item);
    navigate(item.path);
  };

  const markAll = useAction(async () => {
    const { unread } = await call(remindersEndpoints.markAllRead);
    setUnread(unread);
    const now = new Date().toISOString();
    inbox.setData((d) => d && { ...d, items: d.items.map((i) => (i.readAt ? i : { ...i, readAt: now })) });
  });

  return (
    <Page className="page inbox">
      <Box p={4}>
        <Text.Title size="xLarge">Thông báo</Text.Title>
        {consent.consent !== true ? (
          <section className="card consent-callout mt-3" aria-label="Nhắc hạn qua Zalo">
            <Text bold>Bật nhắc hạn qua Zalo để không lỡ mốc nào của cuộc thi.</Text>
            <Text size="small" className="muted mt-1">Tối đa 1 tin mỗi ngày, chỉ từ 06:00 đến 22:00.</Text>
            <Button className="mt-3" size="medium" loading={consent.busy} onClick={() => void consent.setConsent(true)}>
              Bật nhắc hạn
            </Button>
          </section>
        ) : null}
        <LoadState {...inbox}>
          {(d) =>
            d.items.length === 0 ? (
              <Text className="inbox-empty mt-4">Chưa có thông báo nào. Ban tổ chức sẽ nhắc bạn trước mỗi mốc quan trọng của cuộc thi.</Text>
            ) : (
              <>
                {d.items.some((i) => !i.readAt) ? (
                  <Button className="mt-3" size="medium" variant="tertiary" loading={markAll.busy} onClick={() => void markAll.run()}>
                    Đánh dấu tất cả đã đọc
                  </Button>
                ) : null}
                <ul className="inbox-list" aria-label="Danh sách thông báo">
                  {d.items.map((item) => (
                    <li key={item.id} className={`inbox-item card${item.readAt ? "" : " unread"}`}>
                      <div className="inbox-head">
                        {item.readAt ? null : <span className="inbox-dot" aria-hidden />}
                        <Text bold className="inbox-title">{item.title}</Text>
                      </div>
                      <Text className="mt-1">{item.body}</Text>
                      <Text size="small" className="muted mt-1">
                        {item.kind === "nudge" ? "Nhắc từ lãnh đạo đơn vị · " : ""}
                        {formatVnDateTime(item.createdAt)} · {item.readAt ? "Đã đọc" : "Chưa đọc"}
                      </Text>
                      <div className="inbox-actions mt-2">
                        <Button size="medium" onClick={() => open(item)}>
                          Mở
                        </Button>
                        {item.readAt ? null : (
                          <Button size="medium" variant="secondary" onClick={() => void markRead(item)} aria-label={`Đánh dấu đã đọc: ${item.title}`}>
                            Đã đọc
                          </Button>
                        )}
                      </div>
                    </li>
                  ))}
                </ul>
                {d.nextCursor ? (
                  <Button className="mt-3" fullWidth variant="secondary" loading={inbox.loadingMore} onClick={() => void inbox.loadMore()}>
                    Xem thêm
                  </Button>
                ) : null}
              </>
            )
          }
        </LoadState>
        {inbox.loading && inbox.data ? (
          <Box flex justifyContent="center" mt={2} aria-busy="true">
            <Spinner visible />
          </Box>
        ) : null}
      </Box>
    </Page>
  );
}
