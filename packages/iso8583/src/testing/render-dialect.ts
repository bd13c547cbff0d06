import type { Dialect, DialectMessage } from "../dialect-types.ts";

// Test support: renders a dialect as the Markdown tables of docs/iso8583.md, so a test can check
// that the documentation says exactly what the code enforces.

const PRESENCE_MARK = { mandatory: "M", conditional: "C", optional: "O" } as const;
const MAC_MARK = { required: "M", optional: "O", absent: "" } as const;

function macCell(message: DialectMessage, slot: 64 | 128): string {
  const numbers = Object.keys(message.fields).map(Number);
  const always = numbers.some((n) => n > 64 && message.fields[n]?.presence === "mandatory");
  const never = !numbers.some((n) => n > 64);
  const mark = MAC_MARK[message.mac];
  if (mark === "") return "";
  if (slot === 64) return always ? "" : never ? mark : `${mark}¹`;
  return never ? "" : always ? mark : `${mark}¹`;
}

/** Groups messages by a text, as "text (0100, 0200)"; a single group is just the text. */
function grouped(entries: readonly [mti: string, text: string][]): string {
  const groups = new Map<string, string[]>();
  for (const [mti, text] of entries) groups.set(text, [...(groups.get(text) ?? []), mti]);
  if (groups.size === 1) return [...groups.keys()][0] ?? "";
  return [...groups].map(([text, mtis]) => `${text} (${mtis.join(", ")})`).join("; ");
}

/** The two tables: presence by message, then what each field carries and when. */
export function renderDialect(dialect: Dialect): string {
  const messages = Object.values(dialect.messages);
  const used = new Set<number>([64, 128]);
  for (const m of messages) for (const key of Object.keys(m.fields)) used.add(Number(key));
  const numbers = [...used].sort((a, b) => a - b);
  const lines = [
    `| Field | Name | Format | ${messages.map((m) => m.mti).join(" | ")} |`,
    `|---|---|---|${messages.map(() => ":-:").join("|")}|`,
  ];
  for (const n of numbers) {
    const spec = dialect.spec.fields[n];
    const cells = messages.map((m) => {
      if (n === 64 || n === 128) return macCell(m, n);
      const rule = m.fields[n];
      return rule ? PRESENCE_MARK[rule.presence] : "";
    });
    lines.push(`| ${n} | ${spec?.name ?? ""} | \`${spec?.notation ?? ""}\` | ${cells.join(" | ")} |`);
  }
  lines.push(
    "",
    "M mandatory, C conditional, O optional, empty: must not be present. ¹ The MAC goes in field 64 when",
    "the message has no secondary bitmap and in field 128 when it has one.",
    "",
    "| Field | What we put in it | When (C) |",
    "|---|---|---|",
  );
  for (const n of numbers) {
    if (n === 64 || n === 128) {
      lines.push(
        `| ${n} | Message authentication code over the message up to this field, computed by crypto (not this package) | ${
          n === 64 ? "No secondary bitmap" : "Secondary bitmap present"
        } |`,
      );
      continue;
    }
    const carrying = messages.filter((m) => m.fields[n] !== undefined);
    const use = grouped(carrying.map((m) => [m.mti, m.fields[n]?.use ?? ""]));
    const conditional = carrying.filter((m) => m.fields[n]?.presence === "conditional");
    const when = grouped(conditional.map((m) => [m.mti, m.fields[n]?.condition ?? ""]));
    lines.push(`| ${n} | ${use} | ${when} |`);
  }
  return lines.join("\n");
}

/** The field 39 table: code, meaning, what the payment flow does. */
export function renderResponseCodes(codes: Readonly<Record<string, { meaning: string; outcome: string }>>): string {
  const lines = ["| Code | Meaning | Outcome |", "|---|---|---|"];
  // Sorted: "00".."09" are not array indices, so object order would put them after "12".
  const sorted = Object.entries(codes).sort(([a], [b]) => a.localeCompare(b));
  for (const [code, info] of sorted) lines.push(`| ${code} | ${info.meaning} | ${info.outcome} |`);
  return lines.join("\n");
}
