// The demo tenant: three warehouses in different regions, a few dozen SKUs,
// two bundles and stock levels, including the seed article's winter jacket
// sitting at its safety line.

export const demoTenant = { id: 'demo', name: 'Demo Outdoor Store' } as const;

export const demoWarehouses = [
  { id: 'wh-east', name: 'East China (Hangzhou)', region: 'CN-ZJ', priority: 1 },
  { id: 'wh-south', name: 'South China (Guangzhou)', region: 'CN-GD', priority: 2 },
  { id: 'wh-north', name: 'North China (Beijing)', region: 'CN-BJ', priority: 3 },
] as const;

const products: [sku: string, name: string][] = [
  ['YD-2026', 'Winter down jacket'], ['YD-2026-KID', 'Winter down jacket, kids'], ['FL-110', 'Fleece pullover'],
  ['FL-120', 'Fleece vest'], ['SH-200', 'Soft-shell jacket'], ['RN-300', 'Rain shell'], ['TS-010', 'Merino T-shirt'],
  ['TS-020', 'Cotton T-shirt'], ['PN-400', 'Hiking trousers'], ['PN-410', 'Insulated trousers'], ['SK-500', 'Wool socks'],
  ['SK-510', 'Liner socks'], ['GL-600', 'Touchscreen gloves'], ['GL-610', 'Ski gloves'], ['HT-700', 'Beanie'],
  ['HT-710', 'Sun hat'], ['SC-800', 'Neck gaiter'], ['BP-900', 'Daypack 22 L'], ['BP-910', 'Trekking pack 45 L'],
  ['BT-100', 'Hiking boots'], ['BT-110', 'Trail runners'], ['TH-120', 'Thermal base top'], ['TH-130', 'Thermal base bottom'],
  ['BO-140', 'Water bottle 1 L'], ['HL-150', 'Head lamp'], ['PL-160', 'Trekking poles'], ['TN-170', 'Two-person tent'],
  ['SB-180', 'Sleeping bag -10 C'], ['SM-190', 'Sleeping mat'], ['ST-210', 'Camp stove'], ['MG-220', 'Enamel mug'],
  ['FA-230', 'First-aid kit'],
];

export const demoSkus: { sku: string; name: string; components: { sku: string; qty: number }[] }[] = [
  ...products.map(([sku, name]) => ({ sku, name, components: [] })),
  { sku: 'KIT-WINTER', name: 'Winter kit: jacket, beanie, gloves, 2 pairs of socks', components: [
    { sku: 'YD-2026', qty: 1 }, { sku: 'HT-700', qty: 1 }, { sku: 'GL-600', qty: 1 }, { sku: 'SK-500', qty: 2 }] },
  { sku: 'KIT-CAMP', name: 'Camping set: tent, sleeping bag, mat', components: [
    { sku: 'TN-170', qty: 1 }, { sku: 'SB-180', qty: 1 }, { sku: 'SM-190', qty: 1 }] },
];

/** Deterministic stock levels: the jacket as in the seed article, the rest spread by a simple hash. */
export function demoLevel(warehouse: string, sku: string): { onHand: number; safetyStock: number; inTransit: number } {
  if (sku === 'YD-2026') {
    const levels: Record<string, { onHand: number; safetyStock: number; inTransit: number }> = {
      'wh-east': { onHand: 680, safetyStock: 150, inTransit: 800 },
      'wh-south': { onHand: 520, safetyStock: 150, inTransit: 0 },
      'wh-north': { onHand: 0, safetyStock: 0, inTransit: 0 },
    };
    return levels[warehouse] ?? { onHand: 0, safetyStock: 0, inTransit: 0 };
  }
  let h = 0;
  for (const ch of warehouse + sku) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const onHand = [0, 8, 25, 60, 120, 240, 500][h % 7]!;
  return { onHand, safetyStock: h % 3 === 0 ? 30 : 10, inTransit: h % 5 === 0 ? 200 : 0 };
}
