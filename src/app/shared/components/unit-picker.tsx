import { useMemo, useState } from "react";
import { Box, Input, Text } from "zmp-ui";
import type { Unit } from "../../../domain/units/unit.schema";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { useApi } from "../api/use-api";
import { LoadState } from "./load-state";

const KIND_LABEL: Record<Unit["kind"], string> = { xa: "Xã", phuong: "Phường", dac_khu: "Đặc khu", so_nganh: "Sở, ban, ngành" };

/** Vietnamese search that ignores diacritics and case: "kien an" finds "Kiến An". */
export function foldVietnamese(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().trim();
}

/** Searchable list of the contest's units (114 communes/wards/special zones + departments). */
export function UnitPicker(props: { value: string | null; onChange: (code: string) => void; label?: string }) {
  const units = useApi(unitsEndpoints.units, { query: { kind: "all" } });
  const [query, setQuery] = useState("");
  const selected = units.data?.units.find((u) => u.code === props.value);
  const matches = useMemo(() => {
    const q = foldVietnamese(query);
    const all = units.data?.units ?? [];
    return (q ? all.filter((u) => foldVietnamese(`${u.fullName} ${u.code}`).includes(q)) : all).slice(0, 40);
  }, [units.data, query]);

  return (
    <Box className="unit-picker">
      <Input
        label={props.label ?? "Đơn vị"}
        placeholder="Gõ tên xã, phường, đặc khu hoặc sở, ngành"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="Tìm đơn vị"
        clearable
      />
      {selected ? (
        <Text className="mt-2" bold>
          Đã chọn: {selected.fullName}
        </Text>
      ) : null}
      <LoadState {...units}>
        {() => (
          <ul className="unit-list" role="listbox" aria-label="Danh sách đơn vị">
            {matches.length === 0 ? <li className="unit-empty">Không tìm thấy đơn vị phù hợp</li> : null}
            {matches.map((u) => (
              <li key={u.code}>
                <button
                  type="button"
                  role="option"
                  aria-selected={u.code === props.value}
                  className={u.code === props.value ? "unit-option selected" : "unit-option"}
                  onClick={() => props.onChange(u.code)}
                >
                  <span>{u.fullName}</span>
                  <small>{KIND_LABEL[u.kind]}</small>
                </button>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </Box>
  );
}
