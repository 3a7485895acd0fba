// Cross-check against PHP itself: PHP computes http_build_query and hash_hmac for a few
// hundred random parameter sets in one process (data on stdin as JSON), and ours must
// agree byte for byte. PHP is required: CI installs php-cli (.ci/run), so a missing
// `php` fails this test instead of skipping it.
import { spawnSync } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSha256Hex } from "./hmac";
import { parseQueryPairs, phpBuildQuery, phpCanonicalQuery } from "./php-query";

type Case = { pairs: [string, string][]; secret: string };

const phpProgram = `
$cases = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$out = [];
foreach ($cases as $case) {
  $params = [];
  foreach ($case['pairs'] as [$k, $v]) { $params[base64_decode($k)] = base64_decode($v); }
  $query = http_build_query($params);
  $out[] = [$query, hash_hmac('sha256', $query, base64_decode($case['secret']))];
}
echo json_encode($out);
`;

function runPhp(cases: Case[]): [string, string][] {
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  const input = JSON.stringify(
    cases.map((c) => ({ pairs: c.pairs.map(([k, v]) => [b64(k), b64(v)]), secret: b64(c.secret) })),
  );
  const php = spawnSync("php", ["-r", phpProgram], { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (php.error) throw new Error(`cannot run php (install php-cli): ${php.error.message}`);
  if (php.status !== 0) throw new Error(`php failed (${php.status}): ${php.stderr}`);
  return JSON.parse(php.stdout) as [string, string][];
}

// Characters chosen to hit every encoding rule: the kept set, reserved and
// sub-delimiters, space and +, percent, controls, Latin accents (composed and
// combining), other scripts, and characters outside the BMP.
const alphabet = [
  ..."AZaz09-_.~*'\"!()+&=?#/;:@$,[]{}|\\^`<> %",
  "\t",
  "\n",
  "\u0000",
  "\u007f",
  ..."éÉüñçåøß",
  "e\u0301",
  ..."ЖжΩλ中文日本語한국어عربيةहिन्दी",
  "😀",
  "👩‍💻",
  "\u{1F1EB}\u{1F1F7}",
  "\u00a0",
  "\u2028",
  "\ufeff",
];

function randomText(maxLength: number): string {
  const length = randomInt(0, maxLength + 1);
  let text = "";
  for (let i = 0; i < length; i++) {
    text += randomInt(4) === 0 ? String.fromCharCode(randomInt(0x20, 0x7f)) : alphabet[randomInt(alphabet.length)]!;
  }
  return text;
}

function randomCase(): Case {
  const count = randomInt(1, 6);
  const keys = new Set<string>(["q", "expires"].slice(0, randomInt(3)));
  // PHP array keys are unique, and PHP turns numeric-string keys into integers
  // (which http_build_query writes back the same way); keep keys distinct.
  while (keys.size < count) keys.add(randomInt(3) === 0 ? `message_${randomText(4)}` : randomText(8) || "k");
  const pairs = [...keys].map((k): [string, string] => [
    k,
    k === "expires" ? String(randomInt(2 ** 31)) : randomText(24),
  ]);
  return { pairs, secret: randomInt(3) === 0 ? randomBytes(24).toString("base64") : randomText(20) || "s" };
}

describe("PHP cross-check", () => {
  it("http_build_query and hash_hmac agree with PHP on 400 random parameter sets", () => {
    const cases = Array.from({ length: 400 }, randomCase);
    cases.push({
      pairs: [
        ["q", "red"],
        ["expires", "1500472622"],
      ],
      secret: "changeme!",
    });
    const php = runPhp(cases);
    expect(php).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      const ours = phpBuildQuery(c.pairs);
      expect(ours, JSON.stringify(c.pairs)).toBe(php[i]![0]);
      expect(hmacSha256Hex(c.secret, ours)).toBe(php[i]![1]);
    });
  });

  it("parsing our own encoding back and re-encoding gives PHP's string again", () => {
    const cases = Array.from({ length: 200 }, randomCase);
    const php = runPhp(cases);
    cases.forEach((c, i) => {
      const query = php[i]![0];
      expect(phpCanonicalQuery(parseQueryPairs(query))).toBe(query);
      expect(parseQueryPairs(query).map((p) => [p.key, p.value])).toEqual(c.pairs);
    });
  });
});
