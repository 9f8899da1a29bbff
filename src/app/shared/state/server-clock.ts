import { useEffect, useState } from "react";
import { atom, useRecoilValue, useSetRecoilState } from "recoil";

/** serverTime − deviceTime in ms, measured from a response's serverNow. Countdowns use it, never the phone's clock alone. */
export const clockOffsetState = atom<number>({ key: "clockOffset", default: 0 });

/** Record the offset from a serverNow received between `sentAt` and now (assume the midpoint). */
export function offsetFrom(serverNow: string, sentAt: number, receivedAt = Date.now()): number {
  return Date.parse(serverNow) - (sentAt + receivedAt) / 2;
}

export function useSetClockOffset() {
  return useSetRecoilState(clockOffsetState);
}

/** The server's current time, ticking every `everyMs`. */
export function useServerNow(everyMs = 1000): Date {
  const offset = useRecoilValue(clockOffsetState);
  const [now, setNow] = useState(() => new Date(Date.now() + offset));
  useEffect(() => {
    setNow(new Date(Date.now() + offset));
    const id = setInterval(() => setNow(new Date(Date.now() + offset)), everyMs);
    return () => clearInterval(id);
  }, [offset, everyMs]);
  return now;
}
