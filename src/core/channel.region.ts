// Splitting a one-line mainland-China address ("浙江省杭州市西湖区文三路 1 号")
// into province, city, district and the rest, for platforms that give the
// address as one line only. Deliberately simple, and so predictable:
//
// 1. Province: the line must start with one of the 34 province-level names,
//    written in full ("浙江省", "广西壮族自治区", "北京市") or short ("浙江",
//    "广西", "北京"). The result is always the full name.
// 2. City: for the four municipalities (北京, 上海, 天津, 重庆) and for Hong
//    Kong and Macau the city is the province itself (a repeated "上海市" is
//    skipped). Otherwise the shortest run of up to 12 characters ending in
//    市, 自治州, 地区 or 盟.
// 3. District (optional): the shortest run of up to 10 characters ending in
//    区, 县, 市 or 旗 that holds no digit, space or street word (路 街 道 号
//    巷 弄 村), so "文三路 1 号" is never mistaken for a district.
// 4. Detail: the rest, trimmed; it must not be empty.
// Spaces between the parts are allowed. Anything else (no known province at
// the start, no city) is refused with a reason: a wrong split would send a
// parcel to the wrong place, so a person looks at it instead.

const provinces: readonly (readonly [full: string, short: string])[] = [
  ['北京市', '北京'], ['天津市', '天津'], ['上海市', '上海'], ['重庆市', '重庆'],
  ['河北省', '河北'], ['山西省', '山西'], ['辽宁省', '辽宁'], ['吉林省', '吉林'], ['黑龙江省', '黑龙江'],
  ['江苏省', '江苏'], ['浙江省', '浙江'], ['安徽省', '安徽'], ['福建省', '福建'], ['江西省', '江西'],
  ['山东省', '山东'], ['河南省', '河南'], ['湖北省', '湖北'], ['湖南省', '湖南'], ['广东省', '广东'],
  ['海南省', '海南'], ['四川省', '四川'], ['贵州省', '贵州'], ['云南省', '云南'], ['陕西省', '陕西'],
  ['甘肃省', '甘肃'], ['青海省', '青海'], ['台湾省', '台湾'],
  ['内蒙古自治区', '内蒙古'], ['广西壮族自治区', '广西'], ['西藏自治区', '西藏'], ['宁夏回族自治区', '宁夏'],
  ['新疆维吾尔自治区', '新疆'], ['香港特别行政区', '香港'], ['澳门特别行政区', '澳门'],
];
/** Provinces whose city level is the province itself. */
const cityIsProvince = new Set(['北京市', '天津市', '上海市', '重庆市', '香港特别行政区', '澳门特别行政区']);

const cityPattern = /^[^\d\s]{1,12}?(?:自治州|地区|盟|市)/u;
const districtPattern = /^[^\d\s路街道号巷弄村]{1,10}?(?:区|县|市|旗)/u;

export interface Region {
  readonly province: string;
  readonly city: string;
  readonly district?: string;
  readonly detail: string;
}

/** The province at the start of `line` and the text after it, or null. Full names are tried before short ones. */
function provinceAt(line: string): { full: string; rest: string } | null {
  for (const [full] of provinces) if (line.startsWith(full)) return { full, rest: line.slice(full.length) };
  for (const [full, short] of provinces) if (line.startsWith(short)) return { full, rest: line.slice(short.length) };
  return null;
}

const skipRepeat = (rest: string, full: string, short: string): string => {
  const r = rest.trimStart();
  if (r.startsWith(full)) return r.slice(full.length);
  if (r.startsWith(short)) return r.slice(short.length);
  return r;
};

/** The parts of a one-line address, or why it cannot be split (see the header). */
export function splitRegion(line: string): Region | { readonly reason: string } {
  const text = line.trim();
  const p = provinceAt(text);
  if (p === null) return { reason: 'does not start with a mainland-China province-level name (浙江省, 北京市, 广西壮族自治区 …)' };
  let rest: string;
  let city: string;
  if (cityIsProvince.has(p.full)) {
    city = p.full;
    rest = skipRepeat(p.rest, p.full, p.full.slice(0, 2));
  } else {
    rest = p.rest.trimStart();
    const c = cityPattern.exec(rest);
    if (c === null) return { reason: `no city (…市, …自治州, …地区, …盟) after ${p.full}` };
    city = c[0];
    rest = rest.slice(city.length);
  }
  rest = rest.trimStart();
  const d = districtPattern.exec(rest);
  const district = d?.[0];
  if (district !== undefined) rest = rest.slice(district.length);
  const detail = rest.trim();
  if (detail === '') return { reason: 'nothing is left after the province, city and district (no street address)' };
  return district === undefined ? { province: p.full, city, detail } : { province: p.full, city, district, detail };
}

/**
 * The street part of an address that may or may not repeat the province, city
 * and district in front: the detail of splitRegion when the line starts with a
 * province-level name and splits; otherwise the whole line, trimmed.
 */
export function regionDetail(line: string): string {
  const r = splitRegion(line);
  return 'reason' in r ? line.trim() : r.detail;
}
