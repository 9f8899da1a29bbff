import { Button } from "zmp-ui";

/** A small group of mutually exclusive choices (the chosen one pressed), e.g. "Đang chờ · Tất cả". */
export function ChoiceChips<V extends string>(props: { label: string; className?: string; value: V; options: ReadonlyArray<{ value: V; label: string }>; onChange: (value: V) => void }) {
  return (
    <div className={`chip-row ${props.className ?? "mt-3"}`} role="group" aria-label={props.label}>
      {props.options.map((o) => (
        <Button key={o.value} size="small" variant={props.value === o.value ? "primary" : "secondary"} aria-pressed={props.value === o.value} onClick={() => props.onChange(o.value)}>
          {o.label}
        </Button>
      ))}
    </div>
  );
}
