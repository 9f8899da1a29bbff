import { Text } from "zmp-ui";
import type { z } from "zod";
import type { HonourResponseSchema } from "../../../domain/jury/jury.schema";

type Honour = z.infer<typeof HonourResponseSchema>;

/**
 * The winners (title and summary of each entry), then the "AI at work" gallery: the whole entry of
 * each winner whose unit consented to publish it in the entry form, for other units to learn from.
 */
export function HonourList({ honour }: { honour: Honour }) {
  if (!honour.published) return <Text className="mt-3">Kết quả chính thức sẽ được công bố sau đêm chung kết.</Text>;
  return (
    <>
      <ol className="honour-list mt-3">
        {honour.awards.map((a) => (
          <li key={a.unitCode} className="card mt-2">
            <Text.Title size="normal">
              {a.prizeName} — {a.unitName}
            </Text.Title>
            <Text className="mt-1">
              <em>{a.title}</em>
            </Text>
            <Text size="small">{a.summary}</Text>
          </li>
        ))}
      </ol>
      {honour.gallery.length ? (
        <section className="gallery mt-4" aria-labelledby="gallery-title">
          <Text.Title id="gallery-title" size="large">
            AI vào việc
          </Text.Title>
          <Text size="small">Sản phẩm các đơn vị đồng ý công bố để cơ quan, đơn vị khác tham khảo và áp dụng.</Text>
          {honour.gallery.map((c) => (
            <article key={`${c.unitName}-${c.title}`} className="card mt-2" aria-label={c.title}>
              <Text.Title size="normal">{c.title}</Text.Title>
              <Text size="small">
                {c.prizeName} — {c.unitName}
              </Text>
              <Text className="mt-1" style={{ whiteSpace: "pre-line" }}>
                {c.summary}
              </Text>
              <dl className="mt-2">
                {c.fields.map((f) => (
                  <div key={f.key} className="mt-1">
                    <dt>
                      <strong>{f.label}</strong>
                    </dt>
                    <dd style={{ margin: 0, whiteSpace: "pre-line" }}>{f.value}</dd>
                  </div>
                ))}
              </dl>
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
