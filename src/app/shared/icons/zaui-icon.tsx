import { type CSSProperties, forwardRef, type HTMLAttributes, type ReactNode } from "react";
import { ICON_PATHS } from "./icon-paths";

type Props = Omit<HTMLAttributes<HTMLElement>, "children"> & { icon?: string; size?: number; children?: ReactNode };

/**
 * Stands in for zmp-ui's Icon (the build points zmp-ui's own imports here, see
 * .config/vite-zaui-icons.ts): the same <i class="zaui-icon"> box, drawn as inline SVG that
 * ships in the package. An icon we do not draw stays an empty box, never its name.
 */
const ZauiIcon = forwardRef<HTMLElement, Props>(function ZauiIcon({ icon, size, style, className, children, ...rest }, ref) {
  const name = typeof (icon ?? children) === "string" ? String(icon ?? children).replace(/-/g, "_") : "";
  const d = ICON_PATHS[name];
  const iconStyle: CSSProperties = { ...style, ...(typeof size === "number" ? { fontSize: `${size}px` } : null) };
  return (
    <i ref={ref} className={className ? `zaui-icon ${className}` : "zaui-icon"} style={iconStyle} data-icon={name || undefined} {...rest}>
      {d ? (
        <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" aria-hidden="true" focusable="false">
          <path d={d} />
        </svg>
      ) : null}
    </i>
  );
});

export default ZauiIcon;
