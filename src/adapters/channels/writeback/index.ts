// The write-back adapter of each channel type.
import type { ChannelType } from '../../../core/order.types.ts';
import type { WritebackAdapter } from '../../../app/writeback.port.ts';
import { douyinWriteback } from './douyin.ts';
import { genericWriteback } from './generic.ts';
import { jdWriteback } from './jd.ts';
import { pinduoduoWriteback } from './pinduoduo.ts';
import { shopifyWriteback } from './shopify.ts';
import { taobaoWriteback } from './taobao.ts';
import { woocommerceWriteback } from './woocommerce.ts';

export const writebackAdapters: Readonly<Record<ChannelType, WritebackAdapter>> = {
  shopify: shopifyWriteback, woocommerce: woocommerceWriteback, taobao: taobaoWriteback, jd: jdWriteback,
  pinduoduo: pinduoduoWriteback, douyin: douyinWriteback, generic: genericWriteback,
};
