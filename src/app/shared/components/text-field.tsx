import type { ComponentProps } from "react";
import { Input } from "zmp-ui";

type InputProps = ComponentProps<typeof Input>;

/**
 * zmp-ui's Input draws its label as a <span> that is not tied to the field, so screen readers
 * (and tests that look fields up by label) cannot find it. This names the field after its label.
 */
export function TextField(props: InputProps & { label: string }) {
  return <Input aria-label={props.label} {...props} />;
}
