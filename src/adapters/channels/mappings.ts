// The channel mappings Pallet ships, one per channel type (data in
// mappings/*.json, each written from the platform's documented order
// document; see test/fixtures/channels/PROVENANCE.md). They are validated
// once, when this module is imported: a shipped mapping that does not
// validate is a bug in Pallet, so the import throws.

import { validateMapping, type Mapping } from '../../core/channel.mapping.ts';
import type { ChannelType } from '../../core/order.types.ts';
import douyin from './mappings/douyin.json' with { type: 'json' };
import generic from './mappings/generic.json' with { type: 'json' };
import jd from './mappings/jd.json' with { type: 'json' };
import pinduoduo from './mappings/pinduoduo.json' with { type: 'json' };
import shopify from './mappings/shopify.json' with { type: 'json' };
import taobao from './mappings/taobao.json' with { type: 'json' };
import woocommerce from './mappings/woocommerce.json' with { type: 'json' };

const shipped: Readonly<Record<ChannelType, unknown>> = { shopify, woocommerce, taobao, jd, pinduoduo, douyin, generic };

function load(type: ChannelType): Mapping {
  const r = validateMapping(shipped[type]);
  if (!r.ok) throw new Error(`assertion failed: the shipped ${type} mapping is invalid: ${r.error.detail}`);
  return r.value;
}

const defaults: Readonly<Record<ChannelType, Mapping>> = Object.freeze({
  shopify: load('shopify'),
  woocommerce: load('woocommerce'),
  taobao: load('taobao'),
  jd: load('jd'),
  pinduoduo: load('pinduoduo'),
  douyin: load('douyin'),
  generic: load('generic'),
});

/** The mapping Pallet ships for a channel type (validated, frozen); a channel may replace it with its own. */
export function defaultMapping(type: ChannelType): Mapping {
  return defaults[type];
}
