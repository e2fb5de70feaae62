/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $Boolean = $util.global.Boolean, $BigInt = $util.global.BigInt, $Array = $util.global.Array;

// Exported root namespace
const $root = $protobuf.roots["pallet_dashboard"] || ($protobuf.roots["pallet_dashboard"] = {});

export const pallet = $root.pallet = (() => {

    /**
     * Namespace pallet.
     * @exports pallet
     * @namespace
     */
    const pallet = {};

    pallet.dashboard = (function() {

        /**
         * Namespace dashboard.
         * @memberof pallet
         * @namespace
         */
        const dashboard = {};

        dashboard.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof pallet.dashboard
             * @namespace
             */
            const v1 = {};

            v1.Cell = (function() {

                /**
                 * Properties of a Cell.
                 * @typedef {Object} pallet.dashboard.v1.Cell.$Properties
                 * @property {string|null} [warehouse] Cell warehouse
                 * @property {string|null} [sku] Cell sku
                 * @property {number|null} [onHand] Cell onHand
                 * @property {number|null} [reserved] Cell reserved
                 * @property {number|null} [committed] Cell committed
                 * @property {number|null} [inTransit] Cell inTransit
                 * @property {number|null} [safetyStock] Cell safetyStock
                 * @property {number|null} [available] Cell available
                 * @property {boolean|null} [low] Cell low
                 * @property {number|null} [version] Cell version
                 * @property {number|null} [at] Cell at
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Cell.
                 * @memberof pallet.dashboard.v1
                 * @interface ICell
                 * @augments pallet.dashboard.v1.Cell.$Properties
                 * @deprecated Use pallet.dashboard.v1.Cell.$Properties instead.
                 */

                /**
                 * Shape of a Cell.
                 * @typedef {pallet.dashboard.v1.Cell.$Properties} pallet.dashboard.v1.Cell.$Shape
                 */

                /**
                 * Constructs a new Cell.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a Cell.
                 * @constructor
                 * @param {pallet.dashboard.v1.Cell.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Cell = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Cell warehouse.
                 * @member {string} warehouse
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.warehouse = "";

                /**
                 * Cell sku.
                 * @member {string} sku
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.sku = "";

                /**
                 * Cell onHand.
                 * @member {number} onHand
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.onHand = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Cell reserved.
                 * @member {number} reserved
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.reserved = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Cell committed.
                 * @member {number} committed
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.committed = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Cell inTransit.
                 * @member {number} inTransit
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.inTransit = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Cell safetyStock.
                 * @member {number} safetyStock
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.safetyStock = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Cell available.
                 * @member {number} available
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.available = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Cell low.
                 * @member {boolean} low
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.low = false;

                /**
                 * Cell version.
                 * @member {number} version
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.version = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Cell at.
                 * @member {number} at
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 */
                Cell.prototype.at = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new Cell instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Cell
                 * @static
                 * @param {pallet.dashboard.v1.Cell.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Cell} Cell instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Cell.$Shape): pallet.dashboard.v1.Cell & pallet.dashboard.v1.Cell.$Shape;
                 *   (properties?: pallet.dashboard.v1.Cell.$Properties): pallet.dashboard.v1.Cell;
                 * }}
                 */
                Cell.create = function(properties) {
                    return new Cell(properties);
                };

                /**
                 * Encodes the specified Cell message. Does not implicitly {@link pallet.dashboard.v1.Cell.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Cell
                 * @static
                 * @param {pallet.dashboard.v1.Cell.$Properties} message Cell message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Cell.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.warehouse != null && $Object.hasOwnProperty.call(message, "warehouse") && message.warehouse !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.warehouse);
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku") && message.sku !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.sku);
                    if (message.onHand != null && $Object.hasOwnProperty.call(message, "onHand") && (typeof message.onHand === "object" ? message.onHand.low || message.onHand.high : message.onHand !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.onHand);
                    if (message.reserved != null && $Object.hasOwnProperty.call(message, "reserved") && (typeof message.reserved === "object" ? message.reserved.low || message.reserved.high : message.reserved !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.reserved);
                    if (message.committed != null && $Object.hasOwnProperty.call(message, "committed") && (typeof message.committed === "object" ? message.committed.low || message.committed.high : message.committed !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.committed);
                    if (message.inTransit != null && $Object.hasOwnProperty.call(message, "inTransit") && (typeof message.inTransit === "object" ? message.inTransit.low || message.inTransit.high : message.inTransit !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).int64(message.inTransit);
                    if (message.safetyStock != null && $Object.hasOwnProperty.call(message, "safetyStock") && (typeof message.safetyStock === "object" ? message.safetyStock.low || message.safetyStock.high : message.safetyStock !== 0))
                        writer.uint32(/* id 7, wireType 0 =*/56).int64(message.safetyStock);
                    if (message.available != null && $Object.hasOwnProperty.call(message, "available") && (typeof message.available === "object" ? message.available.low || message.available.high : message.available !== 0))
                        writer.uint32(/* id 8, wireType 0 =*/64).int64(message.available);
                    if (message.low != null && $Object.hasOwnProperty.call(message, "low") && message.low !== false)
                        writer.uint32(/* id 9, wireType 0 =*/72).bool(message.low);
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 10, wireType 0 =*/80).int64(message.version);
                    if (message.at != null && $Object.hasOwnProperty.call(message, "at") && (typeof message.at === "object" ? message.at.low || message.at.high : message.at !== 0))
                        writer.uint32(/* id 11, wireType 0 =*/88).int64(message.at);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Cell message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Cell
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Cell & pallet.dashboard.v1.Cell.$Shape} Cell
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Cell.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Cell();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.warehouse = value;
                                else
                                    delete message.warehouse;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.sku = value;
                                else
                                    delete message.sku;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.onHand = value;
                                else
                                    delete message.onHand;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.reserved = value;
                                else
                                    delete message.reserved;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.committed = value;
                                else
                                    delete message.committed;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.inTransit = value;
                                else
                                    delete message.inTransit;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.safetyStock = value;
                                else
                                    delete message.safetyStock;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.available = value;
                                else
                                    delete message.available;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.low = value;
                                else
                                    delete message.low;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 11: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.at = value;
                                else
                                    delete message.at;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Cell message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Cell
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Cell} Cell
                 */
                Cell.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Cell)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Cell: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Cell();
                    if (object.warehouse != null)
                        if (typeof object.warehouse !== "string" || object.warehouse.length)
                            message.warehouse = $String(object.warehouse);
                    if (object.sku != null)
                        if (typeof object.sku !== "string" || object.sku.length)
                            message.sku = $String(object.sku);
                    if (object.onHand != null)
                        if (typeof object.onHand === "object" ? object.onHand.low || object.onHand.high : $Number(object.onHand) !== 0)
                            if ($util.Long)
                                message.onHand = $util.Long.fromValue(object.onHand, false);
                            else if (typeof object.onHand === "string")
                                message.onHand = $parseInt(object.onHand, 10);
                            else if (typeof object.onHand === "number")
                                message.onHand = object.onHand;
                            else if (typeof object.onHand === "object")
                                message.onHand = new $util.LongBits(object.onHand.low >>> 0, object.onHand.high >>> 0).toNumber();
                    if (object.reserved != null)
                        if (typeof object.reserved === "object" ? object.reserved.low || object.reserved.high : $Number(object.reserved) !== 0)
                            if ($util.Long)
                                message.reserved = $util.Long.fromValue(object.reserved, false);
                            else if (typeof object.reserved === "string")
                                message.reserved = $parseInt(object.reserved, 10);
                            else if (typeof object.reserved === "number")
                                message.reserved = object.reserved;
                            else if (typeof object.reserved === "object")
                                message.reserved = new $util.LongBits(object.reserved.low >>> 0, object.reserved.high >>> 0).toNumber();
                    if (object.committed != null)
                        if (typeof object.committed === "object" ? object.committed.low || object.committed.high : $Number(object.committed) !== 0)
                            if ($util.Long)
                                message.committed = $util.Long.fromValue(object.committed, false);
                            else if (typeof object.committed === "string")
                                message.committed = $parseInt(object.committed, 10);
                            else if (typeof object.committed === "number")
                                message.committed = object.committed;
                            else if (typeof object.committed === "object")
                                message.committed = new $util.LongBits(object.committed.low >>> 0, object.committed.high >>> 0).toNumber();
                    if (object.inTransit != null)
                        if (typeof object.inTransit === "object" ? object.inTransit.low || object.inTransit.high : $Number(object.inTransit) !== 0)
                            if ($util.Long)
                                message.inTransit = $util.Long.fromValue(object.inTransit, false);
                            else if (typeof object.inTransit === "string")
                                message.inTransit = $parseInt(object.inTransit, 10);
                            else if (typeof object.inTransit === "number")
                                message.inTransit = object.inTransit;
                            else if (typeof object.inTransit === "object")
                                message.inTransit = new $util.LongBits(object.inTransit.low >>> 0, object.inTransit.high >>> 0).toNumber();
                    if (object.safetyStock != null)
                        if (typeof object.safetyStock === "object" ? object.safetyStock.low || object.safetyStock.high : $Number(object.safetyStock) !== 0)
                            if ($util.Long)
                                message.safetyStock = $util.Long.fromValue(object.safetyStock, false);
                            else if (typeof object.safetyStock === "string")
                                message.safetyStock = $parseInt(object.safetyStock, 10);
                            else if (typeof object.safetyStock === "number")
                                message.safetyStock = object.safetyStock;
                            else if (typeof object.safetyStock === "object")
                                message.safetyStock = new $util.LongBits(object.safetyStock.low >>> 0, object.safetyStock.high >>> 0).toNumber();
                    if (object.available != null)
                        if (typeof object.available === "object" ? object.available.low || object.available.high : $Number(object.available) !== 0)
                            if ($util.Long)
                                message.available = $util.Long.fromValue(object.available, false);
                            else if (typeof object.available === "string")
                                message.available = $parseInt(object.available, 10);
                            else if (typeof object.available === "number")
                                message.available = object.available;
                            else if (typeof object.available === "object")
                                message.available = new $util.LongBits(object.available.low >>> 0, object.available.high >>> 0).toNumber();
                    if (object.low != null)
                        if (object.low)
                            message.low = $Boolean(object.low);
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, false);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber();
                    if (object.at != null)
                        if (typeof object.at === "object" ? object.at.low || object.at.high : $Number(object.at) !== 0)
                            if ($util.Long)
                                message.at = $util.Long.fromValue(object.at, false);
                            else if (typeof object.at === "string")
                                message.at = $parseInt(object.at, 10);
                            else if (typeof object.at === "number")
                                message.at = object.at;
                            else if (typeof object.at === "object")
                                message.at = new $util.LongBits(object.at.low >>> 0, object.at.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from a Cell message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Cell
                 * @static
                 * @param {pallet.dashboard.v1.Cell} message Cell
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Cell.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.warehouse = "";
                        object.sku = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.onHand = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.onHand = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.reserved = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.reserved = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.committed = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.committed = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.inTransit = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.inTransit = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.safetyStock = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.safetyStock = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.available = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.available = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.low = false;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.at = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.at = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.warehouse != null && $Object.hasOwnProperty.call(message, "warehouse"))
                        object.warehouse = message.warehouse;
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku"))
                        object.sku = message.sku;
                    if (message.onHand != null && $Object.hasOwnProperty.call(message, "onHand"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.onHand = typeof message.onHand === "number" ? $BigInt(message.onHand) : $util.Long.fromBits(message.onHand.low >>> 0, message.onHand.high >>> 0, false).toBigInt();
                        else if (typeof message.onHand === "number")
                            object.onHand = options.longs === $String ? $String(message.onHand) : message.onHand;
                        else
                            object.onHand = options.longs === $String ? $util.Long.prototype.toString.call(message.onHand) : options.longs === $Number ? new $util.LongBits(message.onHand.low >>> 0, message.onHand.high >>> 0).toNumber() : message.onHand;
                    if (message.reserved != null && $Object.hasOwnProperty.call(message, "reserved"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.reserved = typeof message.reserved === "number" ? $BigInt(message.reserved) : $util.Long.fromBits(message.reserved.low >>> 0, message.reserved.high >>> 0, false).toBigInt();
                        else if (typeof message.reserved === "number")
                            object.reserved = options.longs === $String ? $String(message.reserved) : message.reserved;
                        else
                            object.reserved = options.longs === $String ? $util.Long.prototype.toString.call(message.reserved) : options.longs === $Number ? new $util.LongBits(message.reserved.low >>> 0, message.reserved.high >>> 0).toNumber() : message.reserved;
                    if (message.committed != null && $Object.hasOwnProperty.call(message, "committed"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.committed = typeof message.committed === "number" ? $BigInt(message.committed) : $util.Long.fromBits(message.committed.low >>> 0, message.committed.high >>> 0, false).toBigInt();
                        else if (typeof message.committed === "number")
                            object.committed = options.longs === $String ? $String(message.committed) : message.committed;
                        else
                            object.committed = options.longs === $String ? $util.Long.prototype.toString.call(message.committed) : options.longs === $Number ? new $util.LongBits(message.committed.low >>> 0, message.committed.high >>> 0).toNumber() : message.committed;
                    if (message.inTransit != null && $Object.hasOwnProperty.call(message, "inTransit"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.inTransit = typeof message.inTransit === "number" ? $BigInt(message.inTransit) : $util.Long.fromBits(message.inTransit.low >>> 0, message.inTransit.high >>> 0, false).toBigInt();
                        else if (typeof message.inTransit === "number")
                            object.inTransit = options.longs === $String ? $String(message.inTransit) : message.inTransit;
                        else
                            object.inTransit = options.longs === $String ? $util.Long.prototype.toString.call(message.inTransit) : options.longs === $Number ? new $util.LongBits(message.inTransit.low >>> 0, message.inTransit.high >>> 0).toNumber() : message.inTransit;
                    if (message.safetyStock != null && $Object.hasOwnProperty.call(message, "safetyStock"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.safetyStock = typeof message.safetyStock === "number" ? $BigInt(message.safetyStock) : $util.Long.fromBits(message.safetyStock.low >>> 0, message.safetyStock.high >>> 0, false).toBigInt();
                        else if (typeof message.safetyStock === "number")
                            object.safetyStock = options.longs === $String ? $String(message.safetyStock) : message.safetyStock;
                        else
                            object.safetyStock = options.longs === $String ? $util.Long.prototype.toString.call(message.safetyStock) : options.longs === $Number ? new $util.LongBits(message.safetyStock.low >>> 0, message.safetyStock.high >>> 0).toNumber() : message.safetyStock;
                    if (message.available != null && $Object.hasOwnProperty.call(message, "available"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.available = typeof message.available === "number" ? $BigInt(message.available) : $util.Long.fromBits(message.available.low >>> 0, message.available.high >>> 0, false).toBigInt();
                        else if (typeof message.available === "number")
                            object.available = options.longs === $String ? $String(message.available) : message.available;
                        else
                            object.available = options.longs === $String ? $util.Long.prototype.toString.call(message.available) : options.longs === $Number ? new $util.LongBits(message.available.low >>> 0, message.available.high >>> 0).toNumber() : message.available;
                    if (message.low != null && $Object.hasOwnProperty.call(message, "low"))
                        object.low = message.low;
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, false).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber() : message.version;
                    if (message.at != null && $Object.hasOwnProperty.call(message, "at"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.at = typeof message.at === "number" ? $BigInt(message.at) : $util.Long.fromBits(message.at.low >>> 0, message.at.high >>> 0, false).toBigInt();
                        else if (typeof message.at === "number")
                            object.at = options.longs === $String ? $String(message.at) : message.at;
                        else
                            object.at = options.longs === $String ? $util.Long.prototype.toString.call(message.at) : options.longs === $Number ? new $util.LongBits(message.at.low >>> 0, message.at.high >>> 0).toNumber() : message.at;
                    return object;
                };

                /**
                 * Converts this Cell to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Cell
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Cell.prototype.toJSON = function() {
                    return Cell.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Cell
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Cell
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Cell.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Cell";
                };

                return Cell;
            })();

            v1.Named = (function() {

                /**
                 * Properties of a Named.
                 * @typedef {Object} pallet.dashboard.v1.Named.$Properties
                 * @property {string|null} [id] Named id
                 * @property {string|null} [name] Named name
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Named.
                 * @memberof pallet.dashboard.v1
                 * @interface INamed
                 * @augments pallet.dashboard.v1.Named.$Properties
                 * @deprecated Use pallet.dashboard.v1.Named.$Properties instead.
                 */

                /**
                 * Shape of a Named.
                 * @typedef {pallet.dashboard.v1.Named.$Properties} pallet.dashboard.v1.Named.$Shape
                 */

                /**
                 * Constructs a new Named.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a Named.
                 * @constructor
                 * @param {pallet.dashboard.v1.Named.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Named = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Named id.
                 * @member {string} id
                 * @memberof pallet.dashboard.v1.Named
                 * @instance
                 */
                Named.prototype.id = "";

                /**
                 * Named name.
                 * @member {string} name
                 * @memberof pallet.dashboard.v1.Named
                 * @instance
                 */
                Named.prototype.name = "";

                /**
                 * Creates a new Named instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Named
                 * @static
                 * @param {pallet.dashboard.v1.Named.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Named} Named instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Named.$Shape): pallet.dashboard.v1.Named & pallet.dashboard.v1.Named.$Shape;
                 *   (properties?: pallet.dashboard.v1.Named.$Properties): pallet.dashboard.v1.Named;
                 * }}
                 */
                Named.create = function(properties) {
                    return new Named(properties);
                };

                /**
                 * Encodes the specified Named message. Does not implicitly {@link pallet.dashboard.v1.Named.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Named
                 * @static
                 * @param {pallet.dashboard.v1.Named.$Properties} message Named message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Named.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                    if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Named message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Named
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Named & pallet.dashboard.v1.Named.$Shape} Named
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Named.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Named();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.id = value;
                                else
                                    delete message.id;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.name = value;
                                else
                                    delete message.name;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Named message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Named
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Named} Named
                 */
                Named.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Named)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Named: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Named();
                    if (object.id != null)
                        if (typeof object.id !== "string" || object.id.length)
                            message.id = $String(object.id);
                    if (object.name != null)
                        if (typeof object.name !== "string" || object.name.length)
                            message.name = $String(object.name);
                    return message;
                };

                /**
                 * Creates a plain object from a Named message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Named
                 * @static
                 * @param {pallet.dashboard.v1.Named} message Named
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Named.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.id = "";
                        object.name = "";
                    }
                    if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                        object.id = message.id;
                    if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                        object.name = message.name;
                    return object;
                };

                /**
                 * Converts this Named to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Named
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Named.prototype.toJSON = function() {
                    return Named.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Named
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Named
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Named.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Named";
                };

                return Named;
            })();

            v1.CellRef = (function() {

                /**
                 * Properties of a CellRef.
                 * @typedef {Object} pallet.dashboard.v1.CellRef.$Properties
                 * @property {string|null} [warehouse] CellRef warehouse
                 * @property {string|null} [sku] CellRef sku
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a CellRef.
                 * @memberof pallet.dashboard.v1
                 * @interface ICellRef
                 * @augments pallet.dashboard.v1.CellRef.$Properties
                 * @deprecated Use pallet.dashboard.v1.CellRef.$Properties instead.
                 */

                /**
                 * Shape of a CellRef.
                 * @typedef {pallet.dashboard.v1.CellRef.$Properties} pallet.dashboard.v1.CellRef.$Shape
                 */

                /**
                 * Constructs a new CellRef.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a CellRef.
                 * @constructor
                 * @param {pallet.dashboard.v1.CellRef.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const CellRef = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * CellRef warehouse.
                 * @member {string} warehouse
                 * @memberof pallet.dashboard.v1.CellRef
                 * @instance
                 */
                CellRef.prototype.warehouse = "";

                /**
                 * CellRef sku.
                 * @member {string} sku
                 * @memberof pallet.dashboard.v1.CellRef
                 * @instance
                 */
                CellRef.prototype.sku = "";

                /**
                 * Creates a new CellRef instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.CellRef
                 * @static
                 * @param {pallet.dashboard.v1.CellRef.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.CellRef} CellRef instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.CellRef.$Shape): pallet.dashboard.v1.CellRef & pallet.dashboard.v1.CellRef.$Shape;
                 *   (properties?: pallet.dashboard.v1.CellRef.$Properties): pallet.dashboard.v1.CellRef;
                 * }}
                 */
                CellRef.create = function(properties) {
                    return new CellRef(properties);
                };

                /**
                 * Encodes the specified CellRef message. Does not implicitly {@link pallet.dashboard.v1.CellRef.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.CellRef
                 * @static
                 * @param {pallet.dashboard.v1.CellRef.$Properties} message CellRef message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CellRef.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.warehouse != null && $Object.hasOwnProperty.call(message, "warehouse") && message.warehouse !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.warehouse);
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku") && message.sku !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.sku);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a CellRef message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.CellRef
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.CellRef & pallet.dashboard.v1.CellRef.$Shape} CellRef
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CellRef.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.CellRef();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.warehouse = value;
                                else
                                    delete message.warehouse;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.sku = value;
                                else
                                    delete message.sku;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a CellRef message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.CellRef
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.CellRef} CellRef
                 */
                CellRef.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.CellRef)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.CellRef: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.CellRef();
                    if (object.warehouse != null)
                        if (typeof object.warehouse !== "string" || object.warehouse.length)
                            message.warehouse = $String(object.warehouse);
                    if (object.sku != null)
                        if (typeof object.sku !== "string" || object.sku.length)
                            message.sku = $String(object.sku);
                    return message;
                };

                /**
                 * Creates a plain object from a CellRef message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.CellRef
                 * @static
                 * @param {pallet.dashboard.v1.CellRef} message CellRef
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                CellRef.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.warehouse = "";
                        object.sku = "";
                    }
                    if (message.warehouse != null && $Object.hasOwnProperty.call(message, "warehouse"))
                        object.warehouse = message.warehouse;
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku"))
                        object.sku = message.sku;
                    return object;
                };

                /**
                 * Converts this CellRef to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.CellRef
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                CellRef.prototype.toJSON = function() {
                    return CellRef.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for CellRef
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.CellRef
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                CellRef.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.CellRef";
                };

                return CellRef;
            })();

            v1.Component = (function() {

                /**
                 * Properties of a Component.
                 * @typedef {Object} pallet.dashboard.v1.Component.$Properties
                 * @property {string|null} [sku] Component sku
                 * @property {number|null} [qty] Component qty
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Component.
                 * @memberof pallet.dashboard.v1
                 * @interface IComponent
                 * @augments pallet.dashboard.v1.Component.$Properties
                 * @deprecated Use pallet.dashboard.v1.Component.$Properties instead.
                 */

                /**
                 * Shape of a Component.
                 * @typedef {pallet.dashboard.v1.Component.$Properties} pallet.dashboard.v1.Component.$Shape
                 */

                /**
                 * Constructs a new Component.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a Component.
                 * @constructor
                 * @param {pallet.dashboard.v1.Component.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Component = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Component sku.
                 * @member {string} sku
                 * @memberof pallet.dashboard.v1.Component
                 * @instance
                 */
                Component.prototype.sku = "";

                /**
                 * Component qty.
                 * @member {number} qty
                 * @memberof pallet.dashboard.v1.Component
                 * @instance
                 */
                Component.prototype.qty = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new Component instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Component
                 * @static
                 * @param {pallet.dashboard.v1.Component.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Component} Component instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Component.$Shape): pallet.dashboard.v1.Component & pallet.dashboard.v1.Component.$Shape;
                 *   (properties?: pallet.dashboard.v1.Component.$Properties): pallet.dashboard.v1.Component;
                 * }}
                 */
                Component.create = function(properties) {
                    return new Component(properties);
                };

                /**
                 * Encodes the specified Component message. Does not implicitly {@link pallet.dashboard.v1.Component.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Component
                 * @static
                 * @param {pallet.dashboard.v1.Component.$Properties} message Component message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Component.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku") && message.sku !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.sku);
                    if (message.qty != null && $Object.hasOwnProperty.call(message, "qty") && (typeof message.qty === "object" ? message.qty.low || message.qty.high : message.qty !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.qty);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Component message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Component
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Component & pallet.dashboard.v1.Component.$Shape} Component
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Component.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Component();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.sku = value;
                                else
                                    delete message.sku;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.qty = value;
                                else
                                    delete message.qty;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Component message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Component
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Component} Component
                 */
                Component.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Component)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Component: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Component();
                    if (object.sku != null)
                        if (typeof object.sku !== "string" || object.sku.length)
                            message.sku = $String(object.sku);
                    if (object.qty != null)
                        if (typeof object.qty === "object" ? object.qty.low || object.qty.high : $Number(object.qty) !== 0)
                            if ($util.Long)
                                message.qty = $util.Long.fromValue(object.qty, false);
                            else if (typeof object.qty === "string")
                                message.qty = $parseInt(object.qty, 10);
                            else if (typeof object.qty === "number")
                                message.qty = object.qty;
                            else if (typeof object.qty === "object")
                                message.qty = new $util.LongBits(object.qty.low >>> 0, object.qty.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from a Component message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Component
                 * @static
                 * @param {pallet.dashboard.v1.Component} message Component
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Component.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.sku = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.qty = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.qty = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku"))
                        object.sku = message.sku;
                    if (message.qty != null && $Object.hasOwnProperty.call(message, "qty"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.qty = typeof message.qty === "number" ? $BigInt(message.qty) : $util.Long.fromBits(message.qty.low >>> 0, message.qty.high >>> 0, false).toBigInt();
                        else if (typeof message.qty === "number")
                            object.qty = options.longs === $String ? $String(message.qty) : message.qty;
                        else
                            object.qty = options.longs === $String ? $util.Long.prototype.toString.call(message.qty) : options.longs === $Number ? new $util.LongBits(message.qty.low >>> 0, message.qty.high >>> 0).toNumber() : message.qty;
                    return object;
                };

                /**
                 * Converts this Component to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Component
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Component.prototype.toJSON = function() {
                    return Component.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Component
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Component
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Component.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Component";
                };

                return Component;
            })();

            v1.Bundle = (function() {

                /**
                 * Properties of a Bundle.
                 * @typedef {Object} pallet.dashboard.v1.Bundle.$Properties
                 * @property {string|null} [sku] Bundle sku
                 * @property {Array.<pallet.dashboard.v1.Component.$Properties>|null} [components] Bundle components
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Bundle.
                 * @memberof pallet.dashboard.v1
                 * @interface IBundle
                 * @augments pallet.dashboard.v1.Bundle.$Properties
                 * @deprecated Use pallet.dashboard.v1.Bundle.$Properties instead.
                 */

                /**
                 * Shape of a Bundle.
                 * @typedef {pallet.dashboard.v1.Bundle.$Properties} pallet.dashboard.v1.Bundle.$Shape
                 */

                /**
                 * Constructs a new Bundle.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a Bundle.
                 * @constructor
                 * @param {pallet.dashboard.v1.Bundle.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Bundle = function (properties) {
                    this.components = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Bundle sku.
                 * @member {string} sku
                 * @memberof pallet.dashboard.v1.Bundle
                 * @instance
                 */
                Bundle.prototype.sku = "";

                /**
                 * Bundle components.
                 * @member {Array.<pallet.dashboard.v1.Component.$Properties>} components
                 * @memberof pallet.dashboard.v1.Bundle
                 * @instance
                 */
                Bundle.prototype.components = $util.emptyArray;

                /**
                 * Creates a new Bundle instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Bundle
                 * @static
                 * @param {pallet.dashboard.v1.Bundle.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Bundle} Bundle instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Bundle.$Shape): pallet.dashboard.v1.Bundle & pallet.dashboard.v1.Bundle.$Shape;
                 *   (properties?: pallet.dashboard.v1.Bundle.$Properties): pallet.dashboard.v1.Bundle;
                 * }}
                 */
                Bundle.create = function(properties) {
                    return new Bundle(properties);
                };

                /**
                 * Encodes the specified Bundle message. Does not implicitly {@link pallet.dashboard.v1.Bundle.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Bundle
                 * @static
                 * @param {pallet.dashboard.v1.Bundle.$Properties} message Bundle message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Bundle.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku") && message.sku !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.sku);
                    if (message.components != null && message.components.length)
                        for (let i = 0; i < message.components.length; ++i)
                            $root.pallet.dashboard.v1.Component.encode(message.components[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Bundle message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Bundle
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Bundle & pallet.dashboard.v1.Bundle.$Shape} Bundle
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Bundle.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Bundle();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.sku = value;
                                else
                                    delete message.sku;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.components && message.components.length))
                                    message.components = [];
                                message.components.push($root.pallet.dashboard.v1.Component.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Bundle message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Bundle
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Bundle} Bundle
                 */
                Bundle.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Bundle)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Bundle: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Bundle();
                    if (object.sku != null)
                        if (typeof object.sku !== "string" || object.sku.length)
                            message.sku = $String(object.sku);
                    if (object.components) {
                        if (!$Array.isArray(object.components))
                            throw $TypeError(".pallet.dashboard.v1.Bundle.components: array expected");
                        message.components = $Array(object.components.length);
                        for (let i = 0; i < object.components.length; ++i) {
                            if (!$util.isObject(object.components[i]))
                                throw $TypeError(".pallet.dashboard.v1.Bundle.components: object expected");
                            message.components[i] = $root.pallet.dashboard.v1.Component.fromObject(object.components[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Bundle message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Bundle
                 * @static
                 * @param {pallet.dashboard.v1.Bundle} message Bundle
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Bundle.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.components = [];
                    if (options.defaults)
                        object.sku = "";
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku"))
                        object.sku = message.sku;
                    if (message.components && message.components.length) {
                        object.components = $Array(message.components.length);
                        for (let j = 0; j < message.components.length; ++j)
                            object.components[j] = $root.pallet.dashboard.v1.Component.toObject(message.components[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this Bundle to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Bundle
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Bundle.prototype.toJSON = function() {
                    return Bundle.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Bundle
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Bundle
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Bundle.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Bundle";
                };

                return Bundle;
            })();

            v1.Stock = (function() {

                /**
                 * Properties of a Stock.
                 * @typedef {Object} pallet.dashboard.v1.Stock.$Properties
                 * @property {Array.<pallet.dashboard.v1.Cell.$Properties>|null} [cells] Stock cells
                 * @property {Array.<pallet.dashboard.v1.Named.$Properties>|null} [warehouses] Stock warehouses
                 * @property {Array.<pallet.dashboard.v1.Named.$Properties>|null} [skus] Stock skus
                 * @property {Array.<pallet.dashboard.v1.Bundle.$Properties>|null} [bundles] Stock bundles
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Stock.
                 * @memberof pallet.dashboard.v1
                 * @interface IStock
                 * @augments pallet.dashboard.v1.Stock.$Properties
                 * @deprecated Use pallet.dashboard.v1.Stock.$Properties instead.
                 */

                /**
                 * Shape of a Stock.
                 * @typedef {pallet.dashboard.v1.Stock.$Properties} pallet.dashboard.v1.Stock.$Shape
                 */

                /**
                 * Constructs a new Stock.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a Stock.
                 * @constructor
                 * @param {pallet.dashboard.v1.Stock.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Stock = function (properties) {
                    this.cells = [];
                    this.warehouses = [];
                    this.skus = [];
                    this.bundles = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Stock cells.
                 * @member {Array.<pallet.dashboard.v1.Cell.$Properties>} cells
                 * @memberof pallet.dashboard.v1.Stock
                 * @instance
                 */
                Stock.prototype.cells = $util.emptyArray;

                /**
                 * Stock warehouses.
                 * @member {Array.<pallet.dashboard.v1.Named.$Properties>} warehouses
                 * @memberof pallet.dashboard.v1.Stock
                 * @instance
                 */
                Stock.prototype.warehouses = $util.emptyArray;

                /**
                 * Stock skus.
                 * @member {Array.<pallet.dashboard.v1.Named.$Properties>} skus
                 * @memberof pallet.dashboard.v1.Stock
                 * @instance
                 */
                Stock.prototype.skus = $util.emptyArray;

                /**
                 * Stock bundles.
                 * @member {Array.<pallet.dashboard.v1.Bundle.$Properties>} bundles
                 * @memberof pallet.dashboard.v1.Stock
                 * @instance
                 */
                Stock.prototype.bundles = $util.emptyArray;

                /**
                 * Creates a new Stock instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Stock
                 * @static
                 * @param {pallet.dashboard.v1.Stock.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Stock} Stock instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Stock.$Shape): pallet.dashboard.v1.Stock & pallet.dashboard.v1.Stock.$Shape;
                 *   (properties?: pallet.dashboard.v1.Stock.$Properties): pallet.dashboard.v1.Stock;
                 * }}
                 */
                Stock.create = function(properties) {
                    return new Stock(properties);
                };

                /**
                 * Encodes the specified Stock message. Does not implicitly {@link pallet.dashboard.v1.Stock.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Stock
                 * @static
                 * @param {pallet.dashboard.v1.Stock.$Properties} message Stock message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Stock.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.cells != null && message.cells.length)
                        for (let i = 0; i < message.cells.length; ++i)
                            $root.pallet.dashboard.v1.Cell.encode(message.cells[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.warehouses != null && message.warehouses.length)
                        for (let i = 0; i < message.warehouses.length; ++i)
                            $root.pallet.dashboard.v1.Named.encode(message.warehouses[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.skus != null && message.skus.length)
                        for (let i = 0; i < message.skus.length; ++i)
                            $root.pallet.dashboard.v1.Named.encode(message.skus[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.bundles != null && message.bundles.length)
                        for (let i = 0; i < message.bundles.length; ++i)
                            $root.pallet.dashboard.v1.Bundle.encode(message.bundles[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Stock message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Stock
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Stock & pallet.dashboard.v1.Stock.$Shape} Stock
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Stock.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Stock();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.cells && message.cells.length))
                                    message.cells = [];
                                message.cells.push($root.pallet.dashboard.v1.Cell.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.warehouses && message.warehouses.length))
                                    message.warehouses = [];
                                message.warehouses.push($root.pallet.dashboard.v1.Named.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.skus && message.skus.length))
                                    message.skus = [];
                                message.skus.push($root.pallet.dashboard.v1.Named.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.bundles && message.bundles.length))
                                    message.bundles = [];
                                message.bundles.push($root.pallet.dashboard.v1.Bundle.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Stock message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Stock
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Stock} Stock
                 */
                Stock.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Stock)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Stock: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Stock();
                    if (object.cells) {
                        if (!$Array.isArray(object.cells))
                            throw $TypeError(".pallet.dashboard.v1.Stock.cells: array expected");
                        message.cells = $Array(object.cells.length);
                        for (let i = 0; i < object.cells.length; ++i) {
                            if (!$util.isObject(object.cells[i]))
                                throw $TypeError(".pallet.dashboard.v1.Stock.cells: object expected");
                            message.cells[i] = $root.pallet.dashboard.v1.Cell.fromObject(object.cells[i], _depth + 1);
                        }
                    }
                    if (object.warehouses) {
                        if (!$Array.isArray(object.warehouses))
                            throw $TypeError(".pallet.dashboard.v1.Stock.warehouses: array expected");
                        message.warehouses = $Array(object.warehouses.length);
                        for (let i = 0; i < object.warehouses.length; ++i) {
                            if (!$util.isObject(object.warehouses[i]))
                                throw $TypeError(".pallet.dashboard.v1.Stock.warehouses: object expected");
                            message.warehouses[i] = $root.pallet.dashboard.v1.Named.fromObject(object.warehouses[i], _depth + 1);
                        }
                    }
                    if (object.skus) {
                        if (!$Array.isArray(object.skus))
                            throw $TypeError(".pallet.dashboard.v1.Stock.skus: array expected");
                        message.skus = $Array(object.skus.length);
                        for (let i = 0; i < object.skus.length; ++i) {
                            if (!$util.isObject(object.skus[i]))
                                throw $TypeError(".pallet.dashboard.v1.Stock.skus: object expected");
                            message.skus[i] = $root.pallet.dashboard.v1.Named.fromObject(object.skus[i], _depth + 1);
                        }
                    }
                    if (object.bundles) {
                        if (!$Array.isArray(object.bundles))
                            throw $TypeError(".pallet.dashboard.v1.Stock.bundles: array expected");
                        message.bundles = $Array(object.bundles.length);
                        for (let i = 0; i < object.bundles.length; ++i) {
                            if (!$util.isObject(object.bundles[i]))
                                throw $TypeError(".pallet.dashboard.v1.Stock.bundles: object expected");
                            message.bundles[i] = $root.pallet.dashboard.v1.Bundle.fromObject(object.bundles[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Stock message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Stock
                 * @static
                 * @param {pallet.dashboard.v1.Stock} message Stock
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Stock.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.cells = [];
                        object.warehouses = [];
                        object.skus = [];
                        object.bundles = [];
                    }
                    if (message.cells && message.cells.length) {
                        object.cells = $Array(message.cells.length);
                        for (let j = 0; j < message.cells.length; ++j)
                            object.cells[j] = $root.pallet.dashboard.v1.Cell.toObject(message.cells[j], options, _depth + 1);
                    }
                    if (message.warehouses && message.warehouses.length) {
                        object.warehouses = $Array(message.warehouses.length);
                        for (let j = 0; j < message.warehouses.length; ++j)
                            object.warehouses[j] = $root.pallet.dashboard.v1.Named.toObject(message.warehouses[j], options, _depth + 1);
                    }
                    if (message.skus && message.skus.length) {
                        object.skus = $Array(message.skus.length);
                        for (let j = 0; j < message.skus.length; ++j)
                            object.skus[j] = $root.pallet.dashboard.v1.Named.toObject(message.skus[j], options, _depth + 1);
                    }
                    if (message.bundles && message.bundles.length) {
                        object.bundles = $Array(message.bundles.length);
                        for (let j = 0; j < message.bundles.length; ++j)
                            object.bundles[j] = $root.pallet.dashboard.v1.Bundle.toObject(message.bundles[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this Stock to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Stock
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Stock.prototype.toJSON = function() {
                    return Stock.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Stock
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Stock
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Stock.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Stock";
                };

                return Stock;
            })();

            v1.LowStock = (function() {

                /**
                 * Properties of a LowStock.
                 * @typedef {Object} pallet.dashboard.v1.LowStock.$Properties
                 * @property {Array.<pallet.dashboard.v1.Cell.$Properties>|null} [items] LowStock items
                 * @property {Array.<pallet.dashboard.v1.CellRef.$Properties>|null} [removed] LowStock removed
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a LowStock.
                 * @memberof pallet.dashboard.v1
                 * @interface ILowStock
                 * @augments pallet.dashboard.v1.LowStock.$Properties
                 * @deprecated Use pallet.dashboard.v1.LowStock.$Properties instead.
                 */

                /**
                 * Shape of a LowStock.
                 * @typedef {pallet.dashboard.v1.LowStock.$Properties} pallet.dashboard.v1.LowStock.$Shape
                 */

                /**
                 * Constructs a new LowStock.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a LowStock.
                 * @constructor
                 * @param {pallet.dashboard.v1.LowStock.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const LowStock = function (properties) {
                    this.items = [];
                    this.removed = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * LowStock items.
                 * @member {Array.<pallet.dashboard.v1.Cell.$Properties>} items
                 * @memberof pallet.dashboard.v1.LowStock
                 * @instance
                 */
                LowStock.prototype.items = $util.emptyArray;

                /**
                 * LowStock removed.
                 * @member {Array.<pallet.dashboard.v1.CellRef.$Properties>} removed
                 * @memberof pallet.dashboard.v1.LowStock
                 * @instance
                 */
                LowStock.prototype.removed = $util.emptyArray;

                /**
                 * Creates a new LowStock instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.LowStock
                 * @static
                 * @param {pallet.dashboard.v1.LowStock.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.LowStock} LowStock instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.LowStock.$Shape): pallet.dashboard.v1.LowStock & pallet.dashboard.v1.LowStock.$Shape;
                 *   (properties?: pallet.dashboard.v1.LowStock.$Properties): pallet.dashboard.v1.LowStock;
                 * }}
                 */
                LowStock.create = function(properties) {
                    return new LowStock(properties);
                };

                /**
                 * Encodes the specified LowStock message. Does not implicitly {@link pallet.dashboard.v1.LowStock.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.LowStock
                 * @static
                 * @param {pallet.dashboard.v1.LowStock.$Properties} message LowStock message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LowStock.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.items != null && message.items.length)
                        for (let i = 0; i < message.items.length; ++i)
                            $root.pallet.dashboard.v1.Cell.encode(message.items[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.removed != null && message.removed.length)
                        for (let i = 0; i < message.removed.length; ++i)
                            $root.pallet.dashboard.v1.CellRef.encode(message.removed[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a LowStock message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.LowStock
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.LowStock & pallet.dashboard.v1.LowStock.$Shape} LowStock
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LowStock.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.LowStock();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.items && message.items.length))
                                    message.items = [];
                                message.items.push($root.pallet.dashboard.v1.Cell.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.removed && message.removed.length))
                                    message.removed = [];
                                message.removed.push($root.pallet.dashboard.v1.CellRef.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a LowStock message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.LowStock
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.LowStock} LowStock
                 */
                LowStock.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.LowStock)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.LowStock: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.LowStock();
                    if (object.items) {
                        if (!$Array.isArray(object.items))
                            throw $TypeError(".pallet.dashboard.v1.LowStock.items: array expected");
                        message.items = $Array(object.items.length);
                        for (let i = 0; i < object.items.length; ++i) {
                            if (!$util.isObject(object.items[i]))
                                throw $TypeError(".pallet.dashboard.v1.LowStock.items: object expected");
                            message.items[i] = $root.pallet.dashboard.v1.Cell.fromObject(object.items[i], _depth + 1);
                        }
                    }
                    if (object.removed) {
                        if (!$Array.isArray(object.removed))
                            throw $TypeError(".pallet.dashboard.v1.LowStock.removed: array expected");
                        message.removed = $Array(object.removed.length);
                        for (let i = 0; i < object.removed.length; ++i) {
                            if (!$util.isObject(object.removed[i]))
                                throw $TypeError(".pallet.dashboard.v1.LowStock.removed: object expected");
                            message.removed[i] = $root.pallet.dashboard.v1.CellRef.fromObject(object.removed[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a LowStock message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.LowStock
                 * @static
                 * @param {pallet.dashboard.v1.LowStock} message LowStock
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                LowStock.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.items = [];
                        object.removed = [];
                    }
                    if (message.items && message.items.length) {
                        object.items = $Array(message.items.length);
                        for (let j = 0; j < message.items.length; ++j)
                            object.items[j] = $root.pallet.dashboard.v1.Cell.toObject(message.items[j], options, _depth + 1);
                    }
                    if (message.removed && message.removed.length) {
                        object.removed = $Array(message.removed.length);
                        for (let j = 0; j < message.removed.length; ++j)
                            object.removed[j] = $root.pallet.dashboard.v1.CellRef.toObject(message.removed[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this LowStock to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.LowStock
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                LowStock.prototype.toJSON = function() {
                    return LowStock.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for LowStock
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.LowStock
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                LowStock.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.LowStock";
                };

                return LowStock;
            })();

            v1.OrdersToday = (function() {

                /**
                 * Properties of an OrdersToday.
                 * @typedef {Object} pallet.dashboard.v1.OrdersToday.$Properties
                 * @property {string|null} [day] OrdersToday day
                 * @property {string|null} [timeZone] OrdersToday timeZone
                 * @property {number|null} [dayStart] OrdersToday dayStart
                 * @property {number|null} [total] OrdersToday total
                 * @property {number|null} [completed] OrdersToday completed
                 * @property {number|null} [pending] OrdersToday pending
                 * @property {number|null} [held] OrdersToday held
                 * @property {number|null} [confirmed] OrdersToday confirmed
                 * @property {number|null} [cancelled] OrdersToday cancelled
                 * @property {number|null} [exceptions] OrdersToday exceptions
                 * @property {boolean|null} [approximate] OrdersToday approximate
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an OrdersToday.
                 * @memberof pallet.dashboard.v1
                 * @interface IOrdersToday
                 * @augments pallet.dashboard.v1.OrdersToday.$Properties
                 * @deprecated Use pallet.dashboard.v1.OrdersToday.$Properties instead.
                 */

                /**
                 * Shape of an OrdersToday.
                 * @typedef {pallet.dashboard.v1.OrdersToday.$Properties} pallet.dashboard.v1.OrdersToday.$Shape
                 */

                /**
                 * Constructs a new OrdersToday.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents an OrdersToday.
                 * @constructor
                 * @param {pallet.dashboard.v1.OrdersToday.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const OrdersToday = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * OrdersToday day.
                 * @member {string} day
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.day = "";

                /**
                 * OrdersToday timeZone.
                 * @member {string} timeZone
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.timeZone = "";

                /**
                 * OrdersToday dayStart.
                 * @member {number} dayStart
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.dayStart = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrdersToday total.
                 * @member {number} total
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.total = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrdersToday completed.
                 * @member {number} completed
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.completed = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrdersToday pending.
                 * @member {number} pending
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.pending = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrdersToday held.
                 * @member {number} held
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.held = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrdersToday confirmed.
                 * @member {number} confirmed
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.confirmed = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrdersToday cancelled.
                 * @member {number} cancelled
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.cancelled = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrdersToday exceptions.
                 * @member {number} exceptions
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.exceptions = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrdersToday approximate.
                 * @member {boolean} approximate
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 */
                OrdersToday.prototype.approximate = false;

                /**
                 * Creates a new OrdersToday instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @static
                 * @param {pallet.dashboard.v1.OrdersToday.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.OrdersToday} OrdersToday instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.OrdersToday.$Shape): pallet.dashboard.v1.OrdersToday & pallet.dashboard.v1.OrdersToday.$Shape;
                 *   (properties?: pallet.dashboard.v1.OrdersToday.$Properties): pallet.dashboard.v1.OrdersToday;
                 * }}
                 */
                OrdersToday.create = function(properties) {
                    return new OrdersToday(properties);
                };

                /**
                 * Encodes the specified OrdersToday message. Does not implicitly {@link pallet.dashboard.v1.OrdersToday.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @static
                 * @param {pallet.dashboard.v1.OrdersToday.$Properties} message OrdersToday message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrdersToday.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.day != null && $Object.hasOwnProperty.call(message, "day") && message.day !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.day);
                    if (message.timeZone != null && $Object.hasOwnProperty.call(message, "timeZone") && message.timeZone !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.timeZone);
                    if (message.dayStart != null && $Object.hasOwnProperty.call(message, "dayStart") && (typeof message.dayStart === "object" ? message.dayStart.low || message.dayStart.high : message.dayStart !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.dayStart);
                    if (message.total != null && $Object.hasOwnProperty.call(message, "total") && (typeof message.total === "object" ? message.total.low || message.total.high : message.total !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.total);
                    if (message.completed != null && $Object.hasOwnProperty.call(message, "completed") && (typeof message.completed === "object" ? message.completed.low || message.completed.high : message.completed !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.completed);
                    if (message.pending != null && $Object.hasOwnProperty.call(message, "pending") && (typeof message.pending === "object" ? message.pending.low || message.pending.high : message.pending !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).int64(message.pending);
                    if (message.held != null && $Object.hasOwnProperty.call(message, "held") && (typeof message.held === "object" ? message.held.low || message.held.high : message.held !== 0))
                        writer.uint32(/* id 7, wireType 0 =*/56).int64(message.held);
                    if (message.confirmed != null && $Object.hasOwnProperty.call(message, "confirmed") && (typeof message.confirmed === "object" ? message.confirmed.low || message.confirmed.high : message.confirmed !== 0))
                        writer.uint32(/* id 8, wireType 0 =*/64).int64(message.confirmed);
                    if (message.cancelled != null && $Object.hasOwnProperty.call(message, "cancelled") && (typeof message.cancelled === "object" ? message.cancelled.low || message.cancelled.high : message.cancelled !== 0))
                        writer.uint32(/* id 9, wireType 0 =*/72).int64(message.cancelled);
                    if (message.exceptions != null && $Object.hasOwnProperty.call(message, "exceptions") && (typeof message.exceptions === "object" ? message.exceptions.low || message.exceptions.high : message.exceptions !== 0))
                        writer.uint32(/* id 10, wireType 0 =*/80).int64(message.exceptions);
                    if (message.approximate != null && $Object.hasOwnProperty.call(message, "approximate") && message.approximate !== false)
                        writer.uint32(/* id 11, wireType 0 =*/88).bool(message.approximate);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an OrdersToday message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.OrdersToday & pallet.dashboard.v1.OrdersToday.$Shape} OrdersToday
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrdersToday.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.OrdersToday();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.day = value;
                                else
                                    delete message.day;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.timeZone = value;
                                else
                                    delete message.timeZone;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.dayStart = value;
                                else
                                    delete message.dayStart;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.total = value;
                                else
                                    delete message.total;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.completed = value;
                                else
                                    delete message.completed;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.pending = value;
                                else
                                    delete message.pending;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.held = value;
                                else
                                    delete message.held;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.confirmed = value;
                                else
                                    delete message.confirmed;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.cancelled = value;
                                else
                                    delete message.cancelled;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.exceptions = value;
                                else
                                    delete message.exceptions;
                                continue;
                            }
                        case 11: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.approximate = value;
                                else
                                    delete message.approximate;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an OrdersToday message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.OrdersToday} OrdersToday
                 */
                OrdersToday.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.OrdersToday)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.OrdersToday: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.OrdersToday();
                    if (object.day != null)
                        if (typeof object.day !== "string" || object.day.length)
                            message.day = $String(object.day);
                    if (object.timeZone != null)
                        if (typeof object.timeZone !== "string" || object.timeZone.length)
                            message.timeZone = $String(object.timeZone);
                    if (object.dayStart != null)
                        if (typeof object.dayStart === "object" ? object.dayStart.low || object.dayStart.high : $Number(object.dayStart) !== 0)
                            if ($util.Long)
                                message.dayStart = $util.Long.fromValue(object.dayStart, false);
                            else if (typeof object.dayStart === "string")
                                message.dayStart = $parseInt(object.dayStart, 10);
                            else if (typeof object.dayStart === "number")
                                message.dayStart = object.dayStart;
                            else if (typeof object.dayStart === "object")
                                message.dayStart = new $util.LongBits(object.dayStart.low >>> 0, object.dayStart.high >>> 0).toNumber();
                    if (object.total != null)
                        if (typeof object.total === "object" ? object.total.low || object.total.high : $Number(object.total) !== 0)
                            if ($util.Long)
                                message.total = $util.Long.fromValue(object.total, false);
                            else if (typeof object.total === "string")
                                message.total = $parseInt(object.total, 10);
                            else if (typeof object.total === "number")
                                message.total = object.total;
                            else if (typeof object.total === "object")
                                message.total = new $util.LongBits(object.total.low >>> 0, object.total.high >>> 0).toNumber();
                    if (object.completed != null)
                        if (typeof object.completed === "object" ? object.completed.low || object.completed.high : $Number(object.completed) !== 0)
                            if ($util.Long)
                                message.completed = $util.Long.fromValue(object.completed, false);
                            else if (typeof object.completed === "string")
                                message.completed = $parseInt(object.completed, 10);
                            else if (typeof object.completed === "number")
                                message.completed = object.completed;
                            else if (typeof object.completed === "object")
                                message.completed = new $util.LongBits(object.completed.low >>> 0, object.completed.high >>> 0).toNumber();
                    if (object.pending != null)
                        if (typeof object.pending === "object" ? object.pending.low || object.pending.high : $Number(object.pending) !== 0)
                            if ($util.Long)
                                message.pending = $util.Long.fromValue(object.pending, false);
                            else if (typeof object.pending === "string")
                                message.pending = $parseInt(object.pending, 10);
                            else if (typeof object.pending === "number")
                                message.pending = object.pending;
                            else if (typeof object.pending === "object")
                                message.pending = new $util.LongBits(object.pending.low >>> 0, object.pending.high >>> 0).toNumber();
                    if (object.held != null)
                        if (typeof object.held === "object" ? object.held.low || object.held.high : $Number(object.held) !== 0)
                            if ($util.Long)
                                message.held = $util.Long.fromValue(object.held, false);
                            else if (typeof object.held === "string")
                                message.held = $parseInt(object.held, 10);
                            else if (typeof object.held === "number")
                                message.held = object.held;
                            else if (typeof object.held === "object")
                                message.held = new $util.LongBits(object.held.low >>> 0, object.held.high >>> 0).toNumber();
                    if (object.confirmed != null)
                        if (typeof object.confirmed === "object" ? object.confirmed.low || object.confirmed.high : $Number(object.confirmed) !== 0)
                            if ($util.Long)
                                message.confirmed = $util.Long.fromValue(object.confirmed, false);
                            else if (typeof object.confirmed === "string")
                                message.confirmed = $parseInt(object.confirmed, 10);
                            else if (typeof object.confirmed === "number")
                                message.confirmed = object.confirmed;
                            else if (typeof object.confirmed === "object")
                                message.confirmed = new $util.LongBits(object.confirmed.low >>> 0, object.confirmed.high >>> 0).toNumber();
                    if (object.cancelled != null)
                        if (typeof object.cancelled === "object" ? object.cancelled.low || object.cancelled.high : $Number(object.cancelled) !== 0)
                            if ($util.Long)
                                message.cancelled = $util.Long.fromValue(object.cancelled, false);
                            else if (typeof object.cancelled === "string")
                                message.cancelled = $parseInt(object.cancelled, 10);
                            else if (typeof object.cancelled === "number")
                                message.cancelled = object.cancelled;
                            else if (typeof object.cancelled === "object")
                                message.cancelled = new $util.LongBits(object.cancelled.low >>> 0, object.cancelled.high >>> 0).toNumber();
                    if (object.exceptions != null)
                        if (typeof object.exceptions === "object" ? object.exceptions.low || object.exceptions.high : $Number(object.exceptions) !== 0)
                            if ($util.Long)
                                message.exceptions = $util.Long.fromValue(object.exceptions, false);
                            else if (typeof object.exceptions === "string")
                                message.exceptions = $parseInt(object.exceptions, 10);
                            else if (typeof object.exceptions === "number")
                                message.exceptions = object.exceptions;
                            else if (typeof object.exceptions === "object")
                                message.exceptions = new $util.LongBits(object.exceptions.low >>> 0, object.exceptions.high >>> 0).toNumber();
                    if (object.approximate != null)
                        if (object.approximate)
                            message.approximate = $Boolean(object.approximate);
                    return message;
                };

                /**
                 * Creates a plain object from an OrdersToday message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @static
                 * @param {pallet.dashboard.v1.OrdersToday} message OrdersToday
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                OrdersToday.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.day = "";
                        object.timeZone = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.dayStart = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.dayStart = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.total = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.total = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.completed = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.completed = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.pending = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.pending = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.held = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.held = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.confirmed = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.confirmed = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.cancelled = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.cancelled = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.exceptions = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.exceptions = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.approximate = false;
                    }
                    if (message.day != null && $Object.hasOwnProperty.call(message, "day"))
                        object.day = message.day;
                    if (message.timeZone != null && $Object.hasOwnProperty.call(message, "timeZone"))
                        object.timeZone = message.timeZone;
                    if (message.dayStart != null && $Object.hasOwnProperty.call(message, "dayStart"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.dayStart = typeof message.dayStart === "number" ? $BigInt(message.dayStart) : $util.Long.fromBits(message.dayStart.low >>> 0, message.dayStart.high >>> 0, false).toBigInt();
                        else if (typeof message.dayStart === "number")
                            object.dayStart = options.longs === $String ? $String(message.dayStart) : message.dayStart;
                        else
                            object.dayStart = options.longs === $String ? $util.Long.prototype.toString.call(message.dayStart) : options.longs === $Number ? new $util.LongBits(message.dayStart.low >>> 0, message.dayStart.high >>> 0).toNumber() : message.dayStart;
                    if (message.total != null && $Object.hasOwnProperty.call(message, "total"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.total = typeof message.total === "number" ? $BigInt(message.total) : $util.Long.fromBits(message.total.low >>> 0, message.total.high >>> 0, false).toBigInt();
                        else if (typeof message.total === "number")
                            object.total = options.longs === $String ? $String(message.total) : message.total;
                        else
                            object.total = options.longs === $String ? $util.Long.prototype.toString.call(message.total) : options.longs === $Number ? new $util.LongBits(message.total.low >>> 0, message.total.high >>> 0).toNumber() : message.total;
                    if (message.completed != null && $Object.hasOwnProperty.call(message, "completed"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.completed = typeof message.completed === "number" ? $BigInt(message.completed) : $util.Long.fromBits(message.completed.low >>> 0, message.completed.high >>> 0, false).toBigInt();
                        else if (typeof message.completed === "number")
                            object.completed = options.longs === $String ? $String(message.completed) : message.completed;
                        else
                            object.completed = options.longs === $String ? $util.Long.prototype.toString.call(message.completed) : options.longs === $Number ? new $util.LongBits(message.completed.low >>> 0, message.completed.high >>> 0).toNumber() : message.completed;
                    if (message.pending != null && $Object.hasOwnProperty.call(message, "pending"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.pending = typeof message.pending === "number" ? $BigInt(message.pending) : $util.Long.fromBits(message.pending.low >>> 0, message.pending.high >>> 0, false).toBigInt();
                        else if (typeof message.pending === "number")
                            object.pending = options.longs === $String ? $String(message.pending) : message.pending;
                        else
                            object.pending = options.longs === $String ? $util.Long.prototype.toString.call(message.pending) : options.longs === $Number ? new $util.LongBits(message.pending.low >>> 0, message.pending.high >>> 0).toNumber() : message.pending;
                    if (message.held != null && $Object.hasOwnProperty.call(message, "held"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.held = typeof message.held === "number" ? $BigInt(message.held) : $util.Long.fromBits(message.held.low >>> 0, message.held.high >>> 0, false).toBigInt();
                        else if (typeof message.held === "number")
                            object.held = options.longs === $String ? $String(message.held) : message.held;
                        else
                            object.held = options.longs === $String ? $util.Long.prototype.toString.call(message.held) : options.longs === $Number ? new $util.LongBits(message.held.low >>> 0, message.held.high >>> 0).toNumber() : message.held;
                    if (message.confirmed != null && $Object.hasOwnProperty.call(message, "confirmed"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.confirmed = typeof message.confirmed === "number" ? $BigInt(message.confirmed) : $util.Long.fromBits(message.confirmed.low >>> 0, message.confirmed.high >>> 0, false).toBigInt();
                        else if (typeof message.confirmed === "number")
                            object.confirmed = options.longs === $String ? $String(message.confirmed) : message.confirmed;
                        else
                            object.confirmed = options.longs === $String ? $util.Long.prototype.toString.call(message.confirmed) : options.longs === $Number ? new $util.LongBits(message.confirmed.low >>> 0, message.confirmed.high >>> 0).toNumber() : message.confirmed;
                    if (message.cancelled != null && $Object.hasOwnProperty.call(message, "cancelled"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.cancelled = typeof message.cancelled === "number" ? $BigInt(message.cancelled) : $util.Long.fromBits(message.cancelled.low >>> 0, message.cancelled.high >>> 0, false).toBigInt();
                        else if (typeof message.cancelled === "number")
                            object.cancelled = options.longs === $String ? $String(message.cancelled) : message.cancelled;
                        else
                            object.cancelled = options.longs === $String ? $util.Long.prototype.toString.call(message.cancelled) : options.longs === $Number ? new $util.LongBits(message.cancelled.low >>> 0, message.cancelled.high >>> 0).toNumber() : message.cancelled;
                    if (message.exceptions != null && $Object.hasOwnProperty.call(message, "exceptions"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.exceptions = typeof message.exceptions === "number" ? $BigInt(message.exceptions) : $util.Long.fromBits(message.exceptions.low >>> 0, message.exceptions.high >>> 0, false).toBigInt();
                        else if (typeof message.exceptions === "number")
                            object.exceptions = options.longs === $String ? $String(message.exceptions) : message.exceptions;
                        else
                            object.exceptions = options.longs === $String ? $util.Long.prototype.toString.call(message.exceptions) : options.longs === $Number ? new $util.LongBits(message.exceptions.low >>> 0, message.exceptions.high >>> 0).toNumber() : message.exceptions;
                    if (message.approximate != null && $Object.hasOwnProperty.call(message, "approximate"))
                        object.approximate = message.approximate;
                    return object;
                };

                /**
                 * Converts this OrdersToday to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                OrdersToday.prototype.toJSON = function() {
                    return OrdersToday.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for OrdersToday
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.OrdersToday
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                OrdersToday.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.OrdersToday";
                };

                return OrdersToday;
            })();

            v1.OrphanedPayment = (function() {

                /**
                 * Properties of an OrphanedPayment.
                 * @typedef {Object} pallet.dashboard.v1.OrphanedPayment.$Properties
                 * @property {string|null} [paymentId] OrphanedPayment paymentId
                 * @property {string|null} [reservationId] OrphanedPayment reservationId
                 * @property {string|null} [reason] OrphanedPayment reason
                 * @property {string|null} [resolution] OrphanedPayment resolution
                 * @property {string|null} [newReservationId] OrphanedPayment newReservationId
                 * @property {number|null} [at] OrphanedPayment at
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an OrphanedPayment.
                 * @memberof pallet.dashboard.v1
                 * @interface IOrphanedPayment
                 * @augments pallet.dashboard.v1.OrphanedPayment.$Properties
                 * @deprecated Use pallet.dashboard.v1.OrphanedPayment.$Properties instead.
                 */

                /**
                 * Shape of an OrphanedPayment.
                 * @typedef {pallet.dashboard.v1.OrphanedPayment.$Properties} pallet.dashboard.v1.OrphanedPayment.$Shape
                 */

                /**
                 * Constructs a new OrphanedPayment.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents an OrphanedPayment.
                 * @constructor
                 * @param {pallet.dashboard.v1.OrphanedPayment.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const OrphanedPayment = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * OrphanedPayment paymentId.
                 * @member {string} paymentId
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @instance
                 */
                OrphanedPayment.prototype.paymentId = "";

                /**
                 * OrphanedPayment reservationId.
                 * @member {string} reservationId
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @instance
                 */
                OrphanedPayment.prototype.reservationId = "";

                /**
                 * OrphanedPayment reason.
                 * @member {string} reason
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @instance
                 */
                OrphanedPayment.prototype.reason = "";

                /**
                 * OrphanedPayment resolution.
                 * @member {string} resolution
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @instance
                 */
                OrphanedPayment.prototype.resolution = "";

                /**
                 * OrphanedPayment newReservationId.
                 * @member {string} newReservationId
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @instance
                 */
                OrphanedPayment.prototype.newReservationId = "";

                /**
                 * OrphanedPayment at.
                 * @member {number} at
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @instance
                 */
                OrphanedPayment.prototype.at = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new OrphanedPayment instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @static
                 * @param {pallet.dashboard.v1.OrphanedPayment.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.OrphanedPayment} OrphanedPayment instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.OrphanedPayment.$Shape): pallet.dashboard.v1.OrphanedPayment & pallet.dashboard.v1.OrphanedPayment.$Shape;
                 *   (properties?: pallet.dashboard.v1.OrphanedPayment.$Properties): pallet.dashboard.v1.OrphanedPayment;
                 * }}
                 */
                OrphanedPayment.create = function(properties) {
                    return new OrphanedPayment(properties);
                };

                /**
                 * Encodes the specified OrphanedPayment message. Does not implicitly {@link pallet.dashboard.v1.OrphanedPayment.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @static
                 * @param {pallet.dashboard.v1.OrphanedPayment.$Properties} message OrphanedPayment message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrphanedPayment.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.paymentId != null && $Object.hasOwnProperty.call(message, "paymentId") && message.paymentId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.paymentId);
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId") && message.reservationId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.reservationId);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.reason);
                    if (message.resolution != null && $Object.hasOwnProperty.call(message, "resolution") && message.resolution !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.resolution);
                    if (message.newReservationId != null && $Object.hasOwnProperty.call(message, "newReservationId") && message.newReservationId !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.newReservationId);
                    if (message.at != null && $Object.hasOwnProperty.call(message, "at") && (typeof message.at === "object" ? message.at.low || message.at.high : message.at !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).int64(message.at);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an OrphanedPayment message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.OrphanedPayment & pallet.dashboard.v1.OrphanedPayment.$Shape} OrphanedPayment
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrphanedPayment.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.OrphanedPayment();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.paymentId = value;
                                else
                                    delete message.paymentId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.reservationId = value;
                                else
                                    delete message.reservationId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.resolution = value;
                                else
                                    delete message.resolution;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.newReservationId = value;
                                else
                                    delete message.newReservationId;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.at = value;
                                else
                                    delete message.at;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an OrphanedPayment message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.OrphanedPayment} OrphanedPayment
                 */
                OrphanedPayment.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.OrphanedPayment)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.OrphanedPayment: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.OrphanedPayment();
                    if (object.paymentId != null)
                        if (typeof object.paymentId !== "string" || object.paymentId.length)
                            message.paymentId = $String(object.paymentId);
                    if (object.reservationId != null)
                        if (typeof object.reservationId !== "string" || object.reservationId.length)
                            message.reservationId = $String(object.reservationId);
                    if (object.reason != null)
                        if (typeof object.reason !== "string" || object.reason.length)
                            message.reason = $String(object.reason);
                    if (object.resolution != null)
                        if (typeof object.resolution !== "string" || object.resolution.length)
                            message.resolution = $String(object.resolution);
                    if (object.newReservationId != null)
                        if (typeof object.newReservationId !== "string" || object.newReservationId.length)
                            message.newReservationId = $String(object.newReservationId);
                    if (object.at != null)
                        if (typeof object.at === "object" ? object.at.low || object.at.high : $Number(object.at) !== 0)
                            if ($util.Long)
                                message.at = $util.Long.fromValue(object.at, false);
                            else if (typeof object.at === "string")
                                message.at = $parseInt(object.at, 10);
                            else if (typeof object.at === "number")
                                message.at = object.at;
                            else if (typeof object.at === "object")
                                message.at = new $util.LongBits(object.at.low >>> 0, object.at.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from an OrphanedPayment message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @static
                 * @param {pallet.dashboard.v1.OrphanedPayment} message OrphanedPayment
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                OrphanedPayment.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.paymentId = "";
                        object.reservationId = "";
                        object.reason = "";
                        object.resolution = "";
                        object.newReservationId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.at = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.at = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.paymentId != null && $Object.hasOwnProperty.call(message, "paymentId"))
                        object.paymentId = message.paymentId;
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId"))
                        object.reservationId = message.reservationId;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
                    if (message.resolution != null && $Object.hasOwnProperty.call(message, "resolution"))
                        object.resolution = message.resolution;
                    if (message.newReservationId != null && $Object.hasOwnProperty.call(message, "newReservationId"))
                        object.newReservationId = message.newReservationId;
                    if (message.at != null && $Object.hasOwnProperty.call(message, "at"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.at = typeof message.at === "number" ? $BigInt(message.at) : $util.Long.fromBits(message.at.low >>> 0, message.at.high >>> 0, false).toBigInt();
                        else if (typeof message.at === "number")
                            object.at = options.longs === $String ? $String(message.at) : message.at;
                        else
                            object.at = options.longs === $String ? $util.Long.prototype.toString.call(message.at) : options.longs === $Number ? new $util.LongBits(message.at.low >>> 0, message.at.high >>> 0).toNumber() : message.at;
                    return object;
                };

                /**
                 * Converts this OrphanedPayment to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                OrphanedPayment.prototype.toJSON = function() {
                    return OrphanedPayment.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for OrphanedPayment
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.OrphanedPayment
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                OrphanedPayment.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.OrphanedPayment";
                };

                return OrphanedPayment;
            })();

            v1.Counters = (function() {

                /**
                 * Properties of a Counters.
                 * @typedef {Object} pallet.dashboard.v1.Counters.$Properties
                 * @property {number|null} [onHand] Counters onHand
                 * @property {number|null} [reserved] Counters reserved
                 * @property {number|null} [committed] Counters committed
                 * @property {number|null} [version] Counters version
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Counters.
                 * @memberof pallet.dashboard.v1
                 * @interface ICounters
                 * @augments pallet.dashboard.v1.Counters.$Properties
                 * @deprecated Use pallet.dashboard.v1.Counters.$Properties instead.
                 */

                /**
                 * Shape of a Counters.
                 * @typedef {pallet.dashboard.v1.Counters.$Properties} pallet.dashboard.v1.Counters.$Shape
                 */

                /**
                 * Constructs a new Counters.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a Counters.
                 * @constructor
                 * @param {pallet.dashboard.v1.Counters.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Counters = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Counters onHand.
                 * @member {number} onHand
                 * @memberof pallet.dashboard.v1.Counters
                 * @instance
                 */
                Counters.prototype.onHand = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Counters reserved.
                 * @member {number} reserved
                 * @memberof pallet.dashboard.v1.Counters
                 * @instance
                 */
                Counters.prototype.reserved = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Counters committed.
                 * @member {number} committed
                 * @memberof pallet.dashboard.v1.Counters
                 * @instance
                 */
                Counters.prototype.committed = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Counters version.
                 * @member {number} version
                 * @memberof pallet.dashboard.v1.Counters
                 * @instance
                 */
                Counters.prototype.version = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new Counters instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Counters
                 * @static
                 * @param {pallet.dashboard.v1.Counters.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Counters} Counters instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Counters.$Shape): pallet.dashboard.v1.Counters & pallet.dashboard.v1.Counters.$Shape;
                 *   (properties?: pallet.dashboard.v1.Counters.$Properties): pallet.dashboard.v1.Counters;
                 * }}
                 */
                Counters.create = function(properties) {
                    return new Counters(properties);
                };

                /**
                 * Encodes the specified Counters message. Does not implicitly {@link pallet.dashboard.v1.Counters.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Counters
                 * @static
                 * @param {pallet.dashboard.v1.Counters.$Properties} message Counters message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Counters.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.onHand != null && $Object.hasOwnProperty.call(message, "onHand") && (typeof message.onHand === "object" ? message.onHand.low || message.onHand.high : message.onHand !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).int64(message.onHand);
                    if (message.reserved != null && $Object.hasOwnProperty.call(message, "reserved") && (typeof message.reserved === "object" ? message.reserved.low || message.reserved.high : message.reserved !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.reserved);
                    if (message.committed != null && $Object.hasOwnProperty.call(message, "committed") && (typeof message.committed === "object" ? message.committed.low || message.committed.high : message.committed !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.committed);
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.version);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Counters message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Counters
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Counters & pallet.dashboard.v1.Counters.$Shape} Counters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Counters.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Counters();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.onHand = value;
                                else
                                    delete message.onHand;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.reserved = value;
                                else
                                    delete message.reserved;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.committed = value;
                                else
                                    delete message.committed;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Counters message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Counters
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Counters} Counters
                 */
                Counters.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Counters)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Counters: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Counters();
                    if (object.onHand != null)
                        if (typeof object.onHand === "object" ? object.onHand.low || object.onHand.high : $Number(object.onHand) !== 0)
                            if ($util.Long)
                                message.onHand = $util.Long.fromValue(object.onHand, false);
                            else if (typeof object.onHand === "string")
                                message.onHand = $parseInt(object.onHand, 10);
                            else if (typeof object.onHand === "number")
                                message.onHand = object.onHand;
                            else if (typeof object.onHand === "object")
                                message.onHand = new $util.LongBits(object.onHand.low >>> 0, object.onHand.high >>> 0).toNumber();
                    if (object.reserved != null)
                        if (typeof object.reserved === "object" ? object.reserved.low || object.reserved.high : $Number(object.reserved) !== 0)
                            if ($util.Long)
                                message.reserved = $util.Long.fromValue(object.reserved, false);
                            else if (typeof object.reserved === "string")
                                message.reserved = $parseInt(object.reserved, 10);
                            else if (typeof object.reserved === "number")
                                message.reserved = object.reserved;
                            else if (typeof object.reserved === "object")
                                message.reserved = new $util.LongBits(object.reserved.low >>> 0, object.reserved.high >>> 0).toNumber();
                    if (object.committed != null)
                        if (typeof object.committed === "object" ? object.committed.low || object.committed.high : $Number(object.committed) !== 0)
                            if ($util.Long)
                                message.committed = $util.Long.fromValue(object.committed, false);
                            else if (typeof object.committed === "string")
                                message.committed = $parseInt(object.committed, 10);
                            else if (typeof object.committed === "number")
                                message.committed = object.committed;
                            else if (typeof object.committed === "object")
                                message.committed = new $util.LongBits(object.committed.low >>> 0, object.committed.high >>> 0).toNumber();
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, false);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from a Counters message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Counters
                 * @static
                 * @param {pallet.dashboard.v1.Counters} message Counters
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Counters.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.onHand = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.onHand = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.reserved = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.reserved = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.committed = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.committed = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.onHand != null && $Object.hasOwnProperty.call(message, "onHand"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.onHand = typeof message.onHand === "number" ? $BigInt(message.onHand) : $util.Long.fromBits(message.onHand.low >>> 0, message.onHand.high >>> 0, false).toBigInt();
                        else if (typeof message.onHand === "number")
                            object.onHand = options.longs === $String ? $String(message.onHand) : message.onHand;
                        else
                            object.onHand = options.longs === $String ? $util.Long.prototype.toString.call(message.onHand) : options.longs === $Number ? new $util.LongBits(message.onHand.low >>> 0, message.onHand.high >>> 0).toNumber() : message.onHand;
                    if (message.reserved != null && $Object.hasOwnProperty.call(message, "reserved"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.reserved = typeof message.reserved === "number" ? $BigInt(message.reserved) : $util.Long.fromBits(message.reserved.low >>> 0, message.reserved.high >>> 0, false).toBigInt();
                        else if (typeof message.reserved === "number")
                            object.reserved = options.longs === $String ? $String(message.reserved) : message.reserved;
                        else
                            object.reserved = options.longs === $String ? $util.Long.prototype.toString.call(message.reserved) : options.longs === $Number ? new $util.LongBits(message.reserved.low >>> 0, message.reserved.high >>> 0).toNumber() : message.reserved;
                    if (message.committed != null && $Object.hasOwnProperty.call(message, "committed"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.committed = typeof message.committed === "number" ? $BigInt(message.committed) : $util.Long.fromBits(message.committed.low >>> 0, message.committed.high >>> 0, false).toBigInt();
                        else if (typeof message.committed === "number")
                            object.committed = options.longs === $String ? $String(message.committed) : message.committed;
                        else
                            object.committed = options.longs === $String ? $util.Long.prototype.toString.call(message.committed) : options.longs === $Number ? new $util.LongBits(message.committed.low >>> 0, message.committed.high >>> 0).toNumber() : message.committed;
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, false).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber() : message.version;
                    return object;
                };

                /**
                 * Converts this Counters to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Counters
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Counters.prototype.toJSON = function() {
                    return Counters.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Counters
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Counters
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Counters.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Counters";
                };

                return Counters;
            })();

            v1.DriftItem = (function() {

                /**
                 * Properties of a DriftItem.
                 * @typedef {Object} pallet.dashboard.v1.DriftItem.$Properties
                 * @property {string|null} [warehouse] DriftItem warehouse
                 * @property {string|null} [sku] DriftItem sku
                 * @property {string|null} [kind] DriftItem kind
                 * @property {pallet.dashboard.v1.Counters.$Properties|null} [redis] DriftItem redis
                 * @property {pallet.dashboard.v1.Counters.$Properties|null} [ledger] DriftItem ledger
                 * @property {string|null} [detail] DriftItem detail
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DriftItem.
                 * @memberof pallet.dashboard.v1
                 * @interface IDriftItem
                 * @augments pallet.dashboard.v1.DriftItem.$Properties
                 * @deprecated Use pallet.dashboard.v1.DriftItem.$Properties instead.
                 */

                /**
                 * Shape of a DriftItem.
                 * @typedef {pallet.dashboard.v1.DriftItem.$Properties} pallet.dashboard.v1.DriftItem.$Shape
                 */

                /**
                 * Constructs a new DriftItem.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a DriftItem.
                 * @constructor
                 * @param {pallet.dashboard.v1.DriftItem.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DriftItem = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * DriftItem warehouse.
                 * @member {string} warehouse
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @instance
                 */
                DriftItem.prototype.warehouse = "";

                /**
                 * DriftItem sku.
                 * @member {string} sku
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @instance
                 */
                DriftItem.prototype.sku = "";

                /**
                 * DriftItem kind.
                 * @member {string} kind
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @instance
                 */
                DriftItem.prototype.kind = "";

                /**
                 * DriftItem redis.
                 * @member {pallet.dashboard.v1.Counters.$Properties|null|undefined} redis
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @instance
                 */
                DriftItem.prototype.redis = null;

                /**
                 * DriftItem ledger.
                 * @member {pallet.dashboard.v1.Counters.$Properties|null|undefined} ledger
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @instance
                 */
                DriftItem.prototype.ledger = null;

                /**
                 * DriftItem detail.
                 * @member {string} detail
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @instance
                 */
                DriftItem.prototype.detail = "";

                /**
                 * Creates a new DriftItem instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @static
                 * @param {pallet.dashboard.v1.DriftItem.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.DriftItem} DriftItem instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.DriftItem.$Shape): pallet.dashboard.v1.DriftItem & pallet.dashboard.v1.DriftItem.$Shape;
                 *   (properties?: pallet.dashboard.v1.DriftItem.$Properties): pallet.dashboard.v1.DriftItem;
                 * }}
                 */
                DriftItem.create = function(properties) {
                    return new DriftItem(properties);
                };

                /**
                 * Encodes the specified DriftItem message. Does not implicitly {@link pallet.dashboard.v1.DriftItem.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @static
                 * @param {pallet.dashboard.v1.DriftItem.$Properties} message DriftItem message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DriftItem.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.warehouse != null && $Object.hasOwnProperty.call(message, "warehouse") && message.warehouse !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.warehouse);
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku") && message.sku !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.sku);
                    if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.kind);
                    if (message.redis != null && $Object.hasOwnProperty.call(message, "redis"))
                        $root.pallet.dashboard.v1.Counters.encode(message.redis, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.ledger != null && $Object.hasOwnProperty.call(message, "ledger"))
                        $root.pallet.dashboard.v1.Counters.encode(message.ledger, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.detail != null && $Object.hasOwnProperty.call(message, "detail") && message.detail !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.detail);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DriftItem message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.DriftItem & pallet.dashboard.v1.DriftItem.$Shape} DriftItem
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DriftItem.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.DriftItem();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.warehouse = value;
                                else
                                    delete message.warehouse;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.sku = value;
                                else
                                    delete message.sku;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.kind = value;
                                else
                                    delete message.kind;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.redis = $root.pallet.dashboard.v1.Counters.decode(reader, reader.size(), $undefined, _depth + 1, message.redis);
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                message.ledger = $root.pallet.dashboard.v1.Counters.decode(reader, reader.size(), $undefined, _depth + 1, message.ledger);
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.detail = value;
                                else
                                    delete message.detail;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a DriftItem message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.DriftItem} DriftItem
                 */
                DriftItem.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.DriftItem)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.DriftItem: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.DriftItem();
                    if (object.warehouse != null)
                        if (typeof object.warehouse !== "string" || object.warehouse.length)
                            message.warehouse = $String(object.warehouse);
                    if (object.sku != null)
                        if (typeof object.sku !== "string" || object.sku.length)
                            message.sku = $String(object.sku);
                    if (object.kind != null)
                        if (typeof object.kind !== "string" || object.kind.length)
                            message.kind = $String(object.kind);
                    if (object.redis != null) {
                        if (!$util.isObject(object.redis))
                            throw $TypeError(".pallet.dashboard.v1.DriftItem.redis: object expected");
                        message.redis = $root.pallet.dashboard.v1.Counters.fromObject(object.redis, _depth + 1);
                    }
                    if (object.ledger != null) {
                        if (!$util.isObject(object.ledger))
                            throw $TypeError(".pallet.dashboard.v1.DriftItem.ledger: object expected");
                        message.ledger = $root.pallet.dashboard.v1.Counters.fromObject(object.ledger, _depth + 1);
                    }
                    if (object.detail != null)
                        if (typeof object.detail !== "string" || object.detail.length)
                            message.detail = $String(object.detail);
                    return message;
                };

                /**
                 * Creates a plain object from a DriftItem message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @static
                 * @param {pallet.dashboard.v1.DriftItem} message DriftItem
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                DriftItem.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.warehouse = "";
                        object.sku = "";
                        object.kind = "";
                        object.redis = null;
                        object.ledger = null;
                        object.detail = "";
                    }
                    if (message.warehouse != null && $Object.hasOwnProperty.call(message, "warehouse"))
                        object.warehouse = message.warehouse;
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku"))
                        object.sku = message.sku;
                    if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                        object.kind = message.kind;
                    if (message.redis != null && $Object.hasOwnProperty.call(message, "redis"))
                        object.redis = $root.pallet.dashboard.v1.Counters.toObject(message.redis, options, _depth + 1);
                    if (message.ledger != null && $Object.hasOwnProperty.call(message, "ledger"))
                        object.ledger = $root.pallet.dashboard.v1.Counters.toObject(message.ledger, options, _depth + 1);
                    if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                        object.detail = message.detail;
                    return object;
                };

                /**
                 * Converts this DriftItem to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                DriftItem.prototype.toJSON = function() {
                    return DriftItem.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for DriftItem
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.DriftItem
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                DriftItem.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.DriftItem";
                };

                return DriftItem;
            })();

            v1.Drift = (function() {

                /**
                 * Properties of a Drift.
                 * @typedef {Object} pallet.dashboard.v1.Drift.$Properties
                 * @property {number|null} [cells] Drift cells
                 * @property {number|null} [checkedAt] Drift checkedAt
                 * @property {Array.<pallet.dashboard.v1.DriftItem.$Properties>|null} [items] Drift items
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Drift.
                 * @memberof pallet.dashboard.v1
                 * @interface IDrift
                 * @augments pallet.dashboard.v1.Drift.$Properties
                 * @deprecated Use pallet.dashboard.v1.Drift.$Properties instead.
                 */

                /**
                 * Shape of a Drift.
                 * @typedef {pallet.dashboard.v1.Drift.$Properties} pallet.dashboard.v1.Drift.$Shape
                 */

                /**
                 * Constructs a new Drift.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a Drift.
                 * @constructor
                 * @param {pallet.dashboard.v1.Drift.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Drift = function (properties) {
                    this.items = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Drift cells.
                 * @member {number} cells
                 * @memberof pallet.dashboard.v1.Drift
                 * @instance
                 */
                Drift.prototype.cells = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Drift checkedAt.
                 * @member {number} checkedAt
                 * @memberof pallet.dashboard.v1.Drift
                 * @instance
                 */
                Drift.prototype.checkedAt = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Drift items.
                 * @member {Array.<pallet.dashboard.v1.DriftItem.$Properties>} items
                 * @memberof pallet.dashboard.v1.Drift
                 * @instance
                 */
                Drift.prototype.items = $util.emptyArray;

                /**
                 * Creates a new Drift instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Drift
                 * @static
                 * @param {pallet.dashboard.v1.Drift.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Drift} Drift instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Drift.$Shape): pallet.dashboard.v1.Drift & pallet.dashboard.v1.Drift.$Shape;
                 *   (properties?: pallet.dashboard.v1.Drift.$Properties): pallet.dashboard.v1.Drift;
                 * }}
                 */
                Drift.create = function(properties) {
                    return new Drift(properties);
                };

                /**
                 * Encodes the specified Drift message. Does not implicitly {@link pallet.dashboard.v1.Drift.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Drift
                 * @static
                 * @param {pallet.dashboard.v1.Drift.$Properties} message Drift message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Drift.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.cells != null && $Object.hasOwnProperty.call(message, "cells") && (typeof message.cells === "object" ? message.cells.low || message.cells.high : message.cells !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).int64(message.cells);
                    if (message.checkedAt != null && $Object.hasOwnProperty.call(message, "checkedAt") && (typeof message.checkedAt === "object" ? message.checkedAt.low || message.checkedAt.high : message.checkedAt !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.checkedAt);
                    if (message.items != null && message.items.length)
                        for (let i = 0; i < message.items.length; ++i)
                            $root.pallet.dashboard.v1.DriftItem.encode(message.items[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Drift message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Drift
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Drift & pallet.dashboard.v1.Drift.$Shape} Drift
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Drift.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Drift();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.cells = value;
                                else
                                    delete message.cells;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.checkedAt = value;
                                else
                                    delete message.checkedAt;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.items && message.items.length))
                                    message.items = [];
                                message.items.push($root.pallet.dashboard.v1.DriftItem.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Drift message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Drift
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Drift} Drift
                 */
                Drift.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Drift)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Drift: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Drift();
                    if (object.cells != null)
                        if (typeof object.cells === "object" ? object.cells.low || object.cells.high : $Number(object.cells) !== 0)
                            if ($util.Long)
                                message.cells = $util.Long.fromValue(object.cells, false);
                            else if (typeof object.cells === "string")
                                message.cells = $parseInt(object.cells, 10);
                            else if (typeof object.cells === "number")
                                message.cells = object.cells;
                            else if (typeof object.cells === "object")
                                message.cells = new $util.LongBits(object.cells.low >>> 0, object.cells.high >>> 0).toNumber();
                    if (object.checkedAt != null)
                        if (typeof object.checkedAt === "object" ? object.checkedAt.low || object.checkedAt.high : $Number(object.checkedAt) !== 0)
                            if ($util.Long)
                                message.checkedAt = $util.Long.fromValue(object.checkedAt, false);
                            else if (typeof object.checkedAt === "string")
                                message.checkedAt = $parseInt(object.checkedAt, 10);
                            else if (typeof object.checkedAt === "number")
                                message.checkedAt = object.checkedAt;
                            else if (typeof object.checkedAt === "object")
                                message.checkedAt = new $util.LongBits(object.checkedAt.low >>> 0, object.checkedAt.high >>> 0).toNumber();
                    if (object.items) {
                        if (!$Array.isArray(object.items))
                            throw $TypeError(".pallet.dashboard.v1.Drift.items: array expected");
                        message.items = $Array(object.items.length);
                        for (let i = 0; i < object.items.length; ++i) {
                            if (!$util.isObject(object.items[i]))
                                throw $TypeError(".pallet.dashboard.v1.Drift.items: object expected");
                            message.items[i] = $root.pallet.dashboard.v1.DriftItem.fromObject(object.items[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Drift message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Drift
                 * @static
                 * @param {pallet.dashboard.v1.Drift} message Drift
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Drift.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.items = [];
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.cells = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.cells = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.checkedAt = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.checkedAt = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.cells != null && $Object.hasOwnProperty.call(message, "cells"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.cells = typeof message.cells === "number" ? $BigInt(message.cells) : $util.Long.fromBits(message.cells.low >>> 0, message.cells.high >>> 0, false).toBigInt();
                        else if (typeof message.cells === "number")
                            object.cells = options.longs === $String ? $String(message.cells) : message.cells;
                        else
                            object.cells = options.longs === $String ? $util.Long.prototype.toString.call(message.cells) : options.longs === $Number ? new $util.LongBits(message.cells.low >>> 0, message.cells.high >>> 0).toNumber() : message.cells;
                    if (message.checkedAt != null && $Object.hasOwnProperty.call(message, "checkedAt"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.checkedAt = typeof message.checkedAt === "number" ? $BigInt(message.checkedAt) : $util.Long.fromBits(message.checkedAt.low >>> 0, message.checkedAt.high >>> 0, false).toBigInt();
                        else if (typeof message.checkedAt === "number")
                            object.checkedAt = options.longs === $String ? $String(message.checkedAt) : message.checkedAt;
                        else
                            object.checkedAt = options.longs === $String ? $util.Long.prototype.toString.call(message.checkedAt) : options.longs === $Number ? new $util.LongBits(message.checkedAt.low >>> 0, message.checkedAt.high >>> 0).toNumber() : message.checkedAt;
                    if (message.items && message.items.length) {
                        object.items = $Array(message.items.length);
                        for (let j = 0; j < message.items.length; ++j)
                            object.items[j] = $root.pallet.dashboard.v1.DriftItem.toObject(message.items[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this Drift to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Drift
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Drift.prototype.toJSON = function() {
                    return Drift.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Drift
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Drift
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Drift.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Drift";
                };

                return Drift;
            })();

            v1.DeadLetter = (function() {

                /**
                 * Properties of a DeadLetter.
                 * @typedef {Object} pallet.dashboard.v1.DeadLetter.$Properties
                 * @property {string|null} [kind] DeadLetter kind
                 * @property {number|null} [seq] DeadLetter seq
                 * @property {string|null} [consumer] DeadLetter consumer
                 * @property {string|null} [subject] DeadLetter subject
                 * @property {string|null} [eventId] DeadLetter eventId
                 * @property {string|null} [eventType] DeadLetter eventType
                 * @property {string|null} [reason] DeadLetter reason
                 * @property {number|null} [at] DeadLetter at
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DeadLetter.
                 * @memberof pallet.dashboard.v1
                 * @interface IDeadLetter
                 * @augments pallet.dashboard.v1.DeadLetter.$Properties
                 * @deprecated Use pallet.dashboard.v1.DeadLetter.$Properties instead.
                 */

                /**
                 * Shape of a DeadLetter.
                 * @typedef {pallet.dashboard.v1.DeadLetter.$Properties} pallet.dashboard.v1.DeadLetter.$Shape
                 */

                /**
                 * Constructs a new DeadLetter.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a DeadLetter.
                 * @constructor
                 * @param {pallet.dashboard.v1.DeadLetter.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DeadLetter = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * DeadLetter kind.
                 * @member {string} kind
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @instance
                 */
                DeadLetter.prototype.kind = "";

                /**
                 * DeadLetter seq.
                 * @member {number} seq
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @instance
                 */
                DeadLetter.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * DeadLetter consumer.
                 * @member {string} consumer
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @instance
                 */
                DeadLetter.prototype.consumer = "";

                /**
                 * DeadLetter subject.
                 * @member {string} subject
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @instance
                 */
                DeadLetter.prototype.subject = "";

                /**
                 * DeadLetter eventId.
                 * @member {string} eventId
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @instance
                 */
                DeadLetter.prototype.eventId = "";

                /**
                 * DeadLetter eventType.
                 * @member {string} eventType
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @instance
                 */
                DeadLetter.prototype.eventType = "";

                /**
                 * DeadLetter reason.
                 * @member {string} reason
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @instance
                 */
                DeadLetter.prototype.reason = "";

                /**
                 * DeadLetter at.
                 * @member {number} at
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @instance
                 */
                DeadLetter.prototype.at = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new DeadLetter instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @static
                 * @param {pallet.dashboard.v1.DeadLetter.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.DeadLetter} DeadLetter instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.DeadLetter.$Shape): pallet.dashboard.v1.DeadLetter & pallet.dashboard.v1.DeadLetter.$Shape;
                 *   (properties?: pallet.dashboard.v1.DeadLetter.$Properties): pallet.dashboard.v1.DeadLetter;
                 * }}
                 */
                DeadLetter.create = function(properties) {
                    return new DeadLetter(properties);
                };

                /**
                 * Encodes the specified DeadLetter message. Does not implicitly {@link pallet.dashboard.v1.DeadLetter.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @static
                 * @param {pallet.dashboard.v1.DeadLetter.$Properties} message DeadLetter message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DeadLetter.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.kind);
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.seq);
                    if (message.consumer != null && $Object.hasOwnProperty.call(message, "consumer") && message.consumer !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.consumer);
                    if (message.subject != null && $Object.hasOwnProperty.call(message, "subject") && message.subject !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.subject);
                    if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.eventId);
                    if (message.eventType != null && $Object.hasOwnProperty.call(message, "eventType") && message.eventType !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.eventType);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.reason);
                    if (message.at != null && $Object.hasOwnProperty.call(message, "at") && (typeof message.at === "object" ? message.at.low || message.at.high : message.at !== 0))
                        writer.uint32(/* id 8, wireType 0 =*/64).int64(message.at);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DeadLetter message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.DeadLetter & pallet.dashboard.v1.DeadLetter.$Shape} DeadLetter
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DeadLetter.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.DeadLetter();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.kind = value;
                                else
                                    delete message.kind;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.consumer = value;
                                else
                                    delete message.consumer;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.subject = value;
                                else
                                    delete message.subject;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.eventId = value;
                                else
                                    delete message.eventId;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.eventType = value;
                                else
                                    delete message.eventType;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.at = value;
                                else
                                    delete message.at;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a DeadLetter message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.DeadLetter} DeadLetter
                 */
                DeadLetter.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.DeadLetter)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.DeadLetter: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.DeadLetter();
                    if (object.kind != null)
                        if (typeof object.kind !== "string" || object.kind.length)
                            message.kind = $String(object.kind);
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, false);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber();
                    if (object.consumer != null)
                        if (typeof object.consumer !== "string" || object.consumer.length)
                            message.consumer = $String(object.consumer);
                    if (object.subject != null)
                        if (typeof object.subject !== "string" || object.subject.length)
                            message.subject = $String(object.subject);
                    if (object.eventId != null)
                        if (typeof object.eventId !== "string" || object.eventId.length)
                            message.eventId = $String(object.eventId);
                    if (object.eventType != null)
                        if (typeof object.eventType !== "string" || object.eventType.length)
                            message.eventType = $String(object.eventType);
                    if (object.reason != null)
                        if (typeof object.reason !== "string" || object.reason.length)
                            message.reason = $String(object.reason);
                    if (object.at != null)
                        if (typeof object.at === "object" ? object.at.low || object.at.high : $Number(object.at) !== 0)
                            if ($util.Long)
                                message.at = $util.Long.fromValue(object.at, false);
                            else if (typeof object.at === "string")
                                message.at = $parseInt(object.at, 10);
                            else if (typeof object.at === "number")
                                message.at = object.at;
                            else if (typeof object.at === "object")
                                message.at = new $util.LongBits(object.at.low >>> 0, object.at.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from a DeadLetter message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @static
                 * @param {pallet.dashboard.v1.DeadLetter} message DeadLetter
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                DeadLetter.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.kind = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.consumer = "";
                        object.subject = "";
                        object.eventId = "";
                        object.eventType = "";
                        object.reason = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.at = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.at = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                        object.kind = message.kind;
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, false).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber() : message.seq;
                    if (message.consumer != null && $Object.hasOwnProperty.call(message, "consumer"))
                        object.consumer = message.consumer;
                    if (message.subject != null && $Object.hasOwnProperty.call(message, "subject"))
                        object.subject = message.subject;
                    if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId"))
                        object.eventId = message.eventId;
                    if (message.eventType != null && $Object.hasOwnProperty.call(message, "eventType"))
                        object.eventType = message.eventType;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
                    if (message.at != null && $Object.hasOwnProperty.call(message, "at"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.at = typeof message.at === "number" ? $BigInt(message.at) : $util.Long.fromBits(message.at.low >>> 0, message.at.high >>> 0, false).toBigInt();
                        else if (typeof message.at === "number")
                            object.at = options.longs === $String ? $String(message.at) : message.at;
                        else
                            object.at = options.longs === $String ? $util.Long.prototype.toString.call(message.at) : options.longs === $Number ? new $util.LongBits(message.at.low >>> 0, message.at.high >>> 0).toNumber() : message.at;
                    return object;
                };

                /**
                 * Converts this DeadLetter to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                DeadLetter.prototype.toJSON = function() {
                    return DeadLetter.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for DeadLetter
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.DeadLetter
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                DeadLetter.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.DeadLetter";
                };

                return DeadLetter;
            })();

            v1.Exceptions = (function() {

                /**
                 * Properties of an Exceptions.
                 * @typedef {Object} pallet.dashboard.v1.Exceptions.$Properties
                 * @property {Array.<pallet.dashboard.v1.OrphanedPayment.$Properties>|null} [payments] Exceptions payments
                 * @property {number|null} [paymentsToday] Exceptions paymentsToday
                 * @property {pallet.dashboard.v1.Drift.$Properties|null} [drift] Exceptions drift
                 * @property {Array.<pallet.dashboard.v1.DeadLetter.$Properties>|null} [deadLetters] Exceptions deadLetters
                 * @property {number|null} [deadLettersToday] Exceptions deadLettersToday
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Exceptions.
                 * @memberof pallet.dashboard.v1
                 * @interface IExceptions
                 * @augments pallet.dashboard.v1.Exceptions.$Properties
                 * @deprecated Use pallet.dashboard.v1.Exceptions.$Properties instead.
                 */

                /**
                 * Shape of an Exceptions.
                 * @typedef {pallet.dashboard.v1.Exceptions.$Properties} pallet.dashboard.v1.Exceptions.$Shape
                 */

                /**
                 * Constructs a new Exceptions.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents an Exceptions.
                 * @constructor
                 * @param {pallet.dashboard.v1.Exceptions.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Exceptions = function (properties) {
                    this.payments = [];
                    this.deadLetters = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Exceptions payments.
                 * @member {Array.<pallet.dashboard.v1.OrphanedPayment.$Properties>} payments
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @instance
                 */
                Exceptions.prototype.payments = $util.emptyArray;

                /**
                 * Exceptions paymentsToday.
                 * @member {number} paymentsToday
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @instance
                 */
                Exceptions.prototype.paymentsToday = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Exceptions drift.
                 * @member {pallet.dashboard.v1.Drift.$Properties|null|undefined} drift
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @instance
                 */
                Exceptions.prototype.drift = null;

                /**
                 * Exceptions deadLetters.
                 * @member {Array.<pallet.dashboard.v1.DeadLetter.$Properties>} deadLetters
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @instance
                 */
                Exceptions.prototype.deadLetters = $util.emptyArray;

                /**
                 * Exceptions deadLettersToday.
                 * @member {number} deadLettersToday
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @instance
                 */
                Exceptions.prototype.deadLettersToday = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new Exceptions instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @static
                 * @param {pallet.dashboard.v1.Exceptions.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Exceptions} Exceptions instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Exceptions.$Shape): pallet.dashboard.v1.Exceptions & pallet.dashboard.v1.Exceptions.$Shape;
                 *   (properties?: pallet.dashboard.v1.Exceptions.$Properties): pallet.dashboard.v1.Exceptions;
                 * }}
                 */
                Exceptions.create = function(properties) {
                    return new Exceptions(properties);
                };

                /**
                 * Encodes the specified Exceptions message. Does not implicitly {@link pallet.dashboard.v1.Exceptions.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @static
                 * @param {pallet.dashboard.v1.Exceptions.$Properties} message Exceptions message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Exceptions.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.payments != null && message.payments.length)
                        for (let i = 0; i < message.payments.length; ++i)
                            $root.pallet.dashboard.v1.OrphanedPayment.encode(message.payments[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.paymentsToday != null && $Object.hasOwnProperty.call(message, "paymentsToday") && (typeof message.paymentsToday === "object" ? message.paymentsToday.low || message.paymentsToday.high : message.paymentsToday !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.paymentsToday);
                    if (message.drift != null && $Object.hasOwnProperty.call(message, "drift"))
                        $root.pallet.dashboard.v1.Drift.encode(message.drift, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.deadLetters != null && message.deadLetters.length)
                        for (let i = 0; i < message.deadLetters.length; ++i)
                            $root.pallet.dashboard.v1.DeadLetter.encode(message.deadLetters[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.deadLettersToday != null && $Object.hasOwnProperty.call(message, "deadLettersToday") && (typeof message.deadLettersToday === "object" ? message.deadLettersToday.low || message.deadLettersToday.high : message.deadLettersToday !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.deadLettersToday);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Exceptions message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Exceptions & pallet.dashboard.v1.Exceptions.$Shape} Exceptions
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Exceptions.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Exceptions();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.payments && message.payments.length))
                                    message.payments = [];
                                message.payments.push($root.pallet.dashboard.v1.OrphanedPayment.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.paymentsToday = value;
                                else
                                    delete message.paymentsToday;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.drift = $root.pallet.dashboard.v1.Drift.decode(reader, reader.size(), $undefined, _depth + 1, message.drift);
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.deadLetters && message.deadLetters.length))
                                    message.deadLetters = [];
                                message.deadLetters.push($root.pallet.dashboard.v1.DeadLetter.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.deadLettersToday = value;
                                else
                                    delete message.deadLettersToday;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an Exceptions message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Exceptions} Exceptions
                 */
                Exceptions.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Exceptions)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Exceptions: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Exceptions();
                    if (object.payments) {
                        if (!$Array.isArray(object.payments))
                            throw $TypeError(".pallet.dashboard.v1.Exceptions.payments: array expected");
                        message.payments = $Array(object.payments.length);
                        for (let i = 0; i < object.payments.length; ++i) {
                            if (!$util.isObject(object.payments[i]))
                                throw $TypeError(".pallet.dashboard.v1.Exceptions.payments: object expected");
                            message.payments[i] = $root.pallet.dashboard.v1.OrphanedPayment.fromObject(object.payments[i], _depth + 1);
                        }
                    }
                    if (object.paymentsToday != null)
                        if (typeof object.paymentsToday === "object" ? object.paymentsToday.low || object.paymentsToday.high : $Number(object.paymentsToday) !== 0)
                            if ($util.Long)
                                message.paymentsToday = $util.Long.fromValue(object.paymentsToday, false);
                            else if (typeof object.paymentsToday === "string")
                                message.paymentsToday = $parseInt(object.paymentsToday, 10);
                            else if (typeof object.paymentsToday === "number")
                                message.paymentsToday = object.paymentsToday;
                            else if (typeof object.paymentsToday === "object")
                                message.paymentsToday = new $util.LongBits(object.paymentsToday.low >>> 0, object.paymentsToday.high >>> 0).toNumber();
                    if (object.drift != null) {
                        if (!$util.isObject(object.drift))
                            throw $TypeError(".pallet.dashboard.v1.Exceptions.drift: object expected");
                        message.drift = $root.pallet.dashboard.v1.Drift.fromObject(object.drift, _depth + 1);
                    }
                    if (object.deadLetters) {
                        if (!$Array.isArray(object.deadLetters))
                            throw $TypeError(".pallet.dashboard.v1.Exceptions.deadLetters: array expected");
                        message.deadLetters = $Array(object.deadLetters.length);
                        for (let i = 0; i < object.deadLetters.length; ++i) {
                            if (!$util.isObject(object.deadLetters[i]))
                                throw $TypeError(".pallet.dashboard.v1.Exceptions.deadLetters: object expected");
                            message.deadLetters[i] = $root.pallet.dashboard.v1.DeadLetter.fromObject(object.deadLetters[i], _depth + 1);
                        }
                    }
                    if (object.deadLettersToday != null)
                        if (typeof object.deadLettersToday === "object" ? object.deadLettersToday.low || object.deadLettersToday.high : $Number(object.deadLettersToday) !== 0)
                            if ($util.Long)
                                message.deadLettersToday = $util.Long.fromValue(object.deadLettersToday, false);
                            else if (typeof object.deadLettersToday === "string")
                                message.deadLettersToday = $parseInt(object.deadLettersToday, 10);
                            else if (typeof object.deadLettersToday === "number")
                                message.deadLettersToday = object.deadLettersToday;
                            else if (typeof object.deadLettersToday === "object")
                                message.deadLettersToday = new $util.LongBits(object.deadLettersToday.low >>> 0, object.deadLettersToday.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from an Exceptions message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @static
                 * @param {pallet.dashboard.v1.Exceptions} message Exceptions
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Exceptions.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.payments = [];
                        object.deadLetters = [];
                    }
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.paymentsToday = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.paymentsToday = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.drift = null;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.deadLettersToday = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.deadLettersToday = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.payments && message.payments.length) {
                        object.payments = $Array(message.payments.length);
                        for (let j = 0; j < message.payments.length; ++j)
                            object.payments[j] = $root.pallet.dashboard.v1.OrphanedPayment.toObject(message.payments[j], options, _depth + 1);
                    }
                    if (message.paymentsToday != null && $Object.hasOwnProperty.call(message, "paymentsToday"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.paymentsToday = typeof message.paymentsToday === "number" ? $BigInt(message.paymentsToday) : $util.Long.fromBits(message.paymentsToday.low >>> 0, message.paymentsToday.high >>> 0, false).toBigInt();
                        else if (typeof message.paymentsToday === "number")
                            object.paymentsToday = options.longs === $String ? $String(message.paymentsToday) : message.paymentsToday;
                        else
                            object.paymentsToday = options.longs === $String ? $util.Long.prototype.toString.call(message.paymentsToday) : options.longs === $Number ? new $util.LongBits(message.paymentsToday.low >>> 0, message.paymentsToday.high >>> 0).toNumber() : message.paymentsToday;
                    if (message.drift != null && $Object.hasOwnProperty.call(message, "drift"))
                        object.drift = $root.pallet.dashboard.v1.Drift.toObject(message.drift, options, _depth + 1);
                    if (message.deadLetters && message.deadLetters.length) {
                        object.deadLetters = $Array(message.deadLetters.length);
                        for (let j = 0; j < message.deadLetters.length; ++j)
                            object.deadLetters[j] = $root.pallet.dashboard.v1.DeadLetter.toObject(message.deadLetters[j], options, _depth + 1);
                    }
                    if (message.deadLettersToday != null && $Object.hasOwnProperty.call(message, "deadLettersToday"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.deadLettersToday = typeof message.deadLettersToday === "number" ? $BigInt(message.deadLettersToday) : $util.Long.fromBits(message.deadLettersToday.low >>> 0, message.deadLettersToday.high >>> 0, false).toBigInt();
                        else if (typeof message.deadLettersToday === "number")
                            object.deadLettersToday = options.longs === $String ? $String(message.deadLettersToday) : message.deadLettersToday;
                        else
                            object.deadLettersToday = options.longs === $String ? $util.Long.prototype.toString.call(message.deadLettersToday) : options.longs === $Number ? new $util.LongBits(message.deadLettersToday.low >>> 0, message.deadLettersToday.high >>> 0).toNumber() : message.deadLettersToday;
                    return object;
                };

                /**
                 * Converts this Exceptions to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Exceptions.prototype.toJSON = function() {
                    return Exceptions.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Exceptions
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Exceptions
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Exceptions.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Exceptions";
                };

                return Exceptions;
            })();

            v1.ChannelStatusCount = (function() {

                /**
                 * Properties of a ChannelStatusCount.
                 * @typedef {Object} pallet.dashboard.v1.ChannelStatusCount.$Properties
                 * @property {string|null} [channel] ChannelStatusCount channel
                 * @property {string|null} [status] ChannelStatusCount status
                 * @property {number|null} [count] ChannelStatusCount count
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a ChannelStatusCount.
                 * @memberof pallet.dashboard.v1
                 * @interface IChannelStatusCount
                 * @augments pallet.dashboard.v1.ChannelStatusCount.$Properties
                 * @deprecated Use pallet.dashboard.v1.ChannelStatusCount.$Properties instead.
                 */

                /**
                 * Shape of a ChannelStatusCount.
                 * @typedef {pallet.dashboard.v1.ChannelStatusCount.$Properties} pallet.dashboard.v1.ChannelStatusCount.$Shape
                 */

                /**
                 * Constructs a new ChannelStatusCount.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a ChannelStatusCount.
                 * @constructor
                 * @param {pallet.dashboard.v1.ChannelStatusCount.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const ChannelStatusCount = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * ChannelStatusCount channel.
                 * @member {string} channel
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @instance
                 */
                ChannelStatusCount.prototype.channel = "";

                /**
                 * ChannelStatusCount status.
                 * @member {string} status
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @instance
                 */
                ChannelStatusCount.prototype.status = "";

                /**
                 * ChannelStatusCount count.
                 * @member {number} count
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @instance
                 */
                ChannelStatusCount.prototype.count = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new ChannelStatusCount instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @static
                 * @param {pallet.dashboard.v1.ChannelStatusCount.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.ChannelStatusCount} ChannelStatusCount instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.ChannelStatusCount.$Shape): pallet.dashboard.v1.ChannelStatusCount & pallet.dashboard.v1.ChannelStatusCount.$Shape;
                 *   (properties?: pallet.dashboard.v1.ChannelStatusCount.$Properties): pallet.dashboard.v1.ChannelStatusCount;
                 * }}
                 */
                ChannelStatusCount.create = function(properties) {
                    return new ChannelStatusCount(properties);
                };

                /**
                 * Encodes the specified ChannelStatusCount message. Does not implicitly {@link pallet.dashboard.v1.ChannelStatusCount.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @static
                 * @param {pallet.dashboard.v1.ChannelStatusCount.$Properties} message ChannelStatusCount message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ChannelStatusCount.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.channel != null && $Object.hasOwnProperty.call(message, "channel") && message.channel !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.channel);
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.status);
                    if (message.count != null && $Object.hasOwnProperty.call(message, "count") && (typeof message.count === "object" ? message.count.low || message.count.high : message.count !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.count);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a ChannelStatusCount message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.ChannelStatusCount & pallet.dashboard.v1.ChannelStatusCount.$Shape} ChannelStatusCount
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ChannelStatusCount.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.ChannelStatusCount();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.channel = value;
                                else
                                    delete message.channel;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.count = value;
                                else
                                    delete message.count;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a ChannelStatusCount message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.ChannelStatusCount} ChannelStatusCount
                 */
                ChannelStatusCount.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.ChannelStatusCount)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.ChannelStatusCount: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.ChannelStatusCount();
                    if (object.channel != null)
                        if (typeof object.channel !== "string" || object.channel.length)
                            message.channel = $String(object.channel);
                    if (object.status != null)
                        if (typeof object.status !== "string" || object.status.length)
                            message.status = $String(object.status);
                    if (object.count != null)
                        if (typeof object.count === "object" ? object.count.low || object.count.high : $Number(object.count) !== 0)
                            if ($util.Long)
                                message.count = $util.Long.fromValue(object.count, false);
                            else if (typeof object.count === "string")
                                message.count = $parseInt(object.count, 10);
                            else if (typeof object.count === "number")
                                message.count = object.count;
                            else if (typeof object.count === "object")
                                message.count = new $util.LongBits(object.count.low >>> 0, object.count.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from a ChannelStatusCount message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @static
                 * @param {pallet.dashboard.v1.ChannelStatusCount} message ChannelStatusCount
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                ChannelStatusCount.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.channel = "";
                        object.status = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.count = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.count = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                        object.channel = message.channel;
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                        object.status = message.status;
                    if (message.count != null && $Object.hasOwnProperty.call(message, "count"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.count = typeof message.count === "number" ? $BigInt(message.count) : $util.Long.fromBits(message.count.low >>> 0, message.count.high >>> 0, false).toBigInt();
                        else if (typeof message.count === "number")
                            object.count = options.longs === $String ? $String(message.count) : message.count;
                        else
                            object.count = options.longs === $String ? $util.Long.prototype.toString.call(message.count) : options.longs === $Number ? new $util.LongBits(message.count.low >>> 0, message.count.high >>> 0).toNumber() : message.count;
                    return object;
                };

                /**
                 * Converts this ChannelStatusCount to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                ChannelStatusCount.prototype.toJSON = function() {
                    return ChannelStatusCount.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for ChannelStatusCount
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.ChannelStatusCount
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                ChannelStatusCount.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.ChannelStatusCount";
                };

                return ChannelStatusCount;
            })();

            v1.HoldReason = (function() {

                /**
                 * Properties of a HoldReason.
                 * @typedef {Object} pallet.dashboard.v1.HoldReason.$Properties
                 * @property {string|null} [rule] HoldReason rule
                 * @property {string|null} [detail] HoldReason detail
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a HoldReason.
                 * @memberof pallet.dashboard.v1
                 * @interface IHoldReason
                 * @augments pallet.dashboard.v1.HoldReason.$Properties
                 * @deprecated Use pallet.dashboard.v1.HoldReason.$Properties instead.
                 */

                /**
                 * Shape of a HoldReason.
                 * @typedef {pallet.dashboard.v1.HoldReason.$Properties} pallet.dashboard.v1.HoldReason.$Shape
                 */

                /**
                 * Constructs a new HoldReason.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a HoldReason.
                 * @constructor
                 * @param {pallet.dashboard.v1.HoldReason.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const HoldReason = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * HoldReason rule.
                 * @member {string} rule
                 * @memberof pallet.dashboard.v1.HoldReason
                 * @instance
                 */
                HoldReason.prototype.rule = "";

                /**
                 * HoldReason detail.
                 * @member {string} detail
                 * @memberof pallet.dashboard.v1.HoldReason
                 * @instance
                 */
                HoldReason.prototype.detail = "";

                /**
                 * Creates a new HoldReason instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.HoldReason
                 * @static
                 * @param {pallet.dashboard.v1.HoldReason.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.HoldReason} HoldReason instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.HoldReason.$Shape): pallet.dashboard.v1.HoldReason & pallet.dashboard.v1.HoldReason.$Shape;
                 *   (properties?: pallet.dashboard.v1.HoldReason.$Properties): pallet.dashboard.v1.HoldReason;
                 * }}
                 */
                HoldReason.create = function(properties) {
                    return new HoldReason(properties);
                };

                /**
                 * Encodes the specified HoldReason message. Does not implicitly {@link pallet.dashboard.v1.HoldReason.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.HoldReason
                 * @static
                 * @param {pallet.dashboard.v1.HoldReason.$Properties} message HoldReason message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                HoldReason.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.rule != null && $Object.hasOwnProperty.call(message, "rule") && message.rule !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.rule);
                    if (message.detail != null && $Object.hasOwnProperty.call(message, "detail") && message.detail !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.detail);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a HoldReason message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.HoldReason
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.HoldReason & pallet.dashboard.v1.HoldReason.$Shape} HoldReason
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                HoldReason.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.HoldReason();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.rule = value;
                                else
                                    delete message.rule;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.detail = value;
                                else
                                    delete message.detail;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a HoldReason message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.HoldReason
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.HoldReason} HoldReason
                 */
                HoldReason.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.HoldReason)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.HoldReason: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.HoldReason();
                    if (object.rule != null)
                        if (typeof object.rule !== "string" || object.rule.length)
                            message.rule = $String(object.rule);
                    if (object.detail != null)
                        if (typeof object.detail !== "string" || object.detail.length)
                            message.detail = $String(object.detail);
                    return message;
                };

                /**
                 * Creates a plain object from a HoldReason message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.HoldReason
                 * @static
                 * @param {pallet.dashboard.v1.HoldReason} message HoldReason
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                HoldReason.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.rule = "";
                        object.detail = "";
                    }
                    if (message.rule != null && $Object.hasOwnProperty.call(message, "rule"))
                        object.rule = message.rule;
                    if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                        object.detail = message.detail;
                    return object;
                };

                /**
                 * Converts this HoldReason to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.HoldReason
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                HoldReason.prototype.toJSON = function() {
                    return HoldReason.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for HoldReason
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.HoldReason
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                HoldReason.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.HoldReason";
                };

                return HoldReason;
            })();

            v1.HeldOrder = (function() {

                /**
                 * Properties of a HeldOrder.
                 * @typedef {Object} pallet.dashboard.v1.HeldOrder.$Properties
                 * @property {string|null} [orderId] HeldOrder orderId
                 * @property {string|null} [channel] HeldOrder channel
                 * @property {string|null} [externalId] HeldOrder externalId
                 * @property {Array.<pallet.dashboard.v1.HoldReason.$Properties>|null} [holds] HeldOrder holds
                 * @property {number|null} [since] HeldOrder since
                 * @property {string|null} [currency] HeldOrder currency
                 * @property {number|null} [totalMinor] HeldOrder totalMinor
                 * @property {number|null} [version] HeldOrder version
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a HeldOrder.
                 * @memberof pallet.dashboard.v1
                 * @interface IHeldOrder
                 * @augments pallet.dashboard.v1.HeldOrder.$Properties
                 * @deprecated Use pallet.dashboard.v1.HeldOrder.$Properties instead.
                 */

                /**
                 * Shape of a HeldOrder.
                 * @typedef {pallet.dashboard.v1.HeldOrder.$Properties} pallet.dashboard.v1.HeldOrder.$Shape
                 */

                /**
                 * Constructs a new HeldOrder.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a HeldOrder.
                 * @constructor
                 * @param {pallet.dashboard.v1.HeldOrder.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const HeldOrder = function (properties) {
                    this.holds = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * HeldOrder orderId.
                 * @member {string} orderId
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @instance
                 */
                HeldOrder.prototype.orderId = "";

                /**
                 * HeldOrder channel.
                 * @member {string} channel
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @instance
                 */
                HeldOrder.prototype.channel = "";

                /**
                 * HeldOrder externalId.
                 * @member {string} externalId
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @instance
                 */
                HeldOrder.prototype.externalId = "";

                /**
                 * HeldOrder holds.
                 * @member {Array.<pallet.dashboard.v1.HoldReason.$Properties>} holds
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @instance
                 */
                HeldOrder.prototype.holds = $util.emptyArray;

                /**
                 * HeldOrder since.
                 * @member {number} since
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @instance
                 */
                HeldOrder.prototype.since = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * HeldOrder currency.
                 * @member {string} currency
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @instance
                 */
                HeldOrder.prototype.currency = "";

                /**
                 * HeldOrder totalMinor.
                 * @member {number} totalMinor
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @instance
                 */
                HeldOrder.prototype.totalMinor = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * HeldOrder version.
                 * @member {number} version
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @instance
                 */
                HeldOrder.prototype.version = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new HeldOrder instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @static
                 * @param {pallet.dashboard.v1.HeldOrder.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.HeldOrder} HeldOrder instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.HeldOrder.$Shape): pallet.dashboard.v1.HeldOrder & pallet.dashboard.v1.HeldOrder.$Shape;
                 *   (properties?: pallet.dashboard.v1.HeldOrder.$Properties): pallet.dashboard.v1.HeldOrder;
                 * }}
                 */
                HeldOrder.create = function(properties) {
                    return new HeldOrder(properties);
                };

                /**
                 * Encodes the specified HeldOrder message. Does not implicitly {@link pallet.dashboard.v1.HeldOrder.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @static
                 * @param {pallet.dashboard.v1.HeldOrder.$Properties} message HeldOrder message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                HeldOrder.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.orderId != null && $Object.hasOwnProperty.call(message, "orderId") && message.orderId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.orderId);
                    if (message.channel != null && $Object.hasOwnProperty.call(message, "channel") && message.channel !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.channel);
                    if (message.externalId != null && $Object.hasOwnProperty.call(message, "externalId") && message.externalId !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.externalId);
                    if (message.holds != null && message.holds.length)
                        for (let i = 0; i < message.holds.length; ++i)
                            $root.pallet.dashboard.v1.HoldReason.encode(message.holds[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.since != null && $Object.hasOwnProperty.call(message, "since") && (typeof message.since === "object" ? message.since.low || message.since.high : message.since !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.since);
                    if (message.currency != null && $Object.hasOwnProperty.call(message, "currency") && message.currency !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.currency);
                    if (message.totalMinor != null && $Object.hasOwnProperty.call(message, "totalMinor") && (typeof message.totalMinor === "object" ? message.totalMinor.low || message.totalMinor.high : message.totalMinor !== 0))
                        writer.uint32(/* id 7, wireType 0 =*/56).int64(message.totalMinor);
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 8, wireType 0 =*/64).int64(message.version);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a HeldOrder message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.HeldOrder & pallet.dashboard.v1.HeldOrder.$Shape} HeldOrder
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                HeldOrder.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.HeldOrder();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.orderId = value;
                                else
                                    delete message.orderId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.channel = value;
                                else
                                    delete message.channel;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.externalId = value;
                                else
                                    delete message.externalId;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.holds && message.holds.length))
                                    message.holds = [];
                                message.holds.push($root.pallet.dashboard.v1.HoldReason.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.since = value;
                                else
                                    delete message.since;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.currency = value;
                                else
                                    delete message.currency;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.totalMinor = value;
                                else
                                    delete message.totalMinor;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a HeldOrder message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.HeldOrder} HeldOrder
                 */
                HeldOrder.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.HeldOrder)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.HeldOrder: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.HeldOrder();
                    if (object.orderId != null)
                        if (typeof object.orderId !== "string" || object.orderId.length)
                            message.orderId = $String(object.orderId);
                    if (object.channel != null)
                        if (typeof object.channel !== "string" || object.channel.length)
                            message.channel = $String(object.channel);
                    if (object.externalId != null)
                        if (typeof object.externalId !== "string" || object.externalId.length)
                            message.externalId = $String(object.externalId);
                    if (object.holds) {
                        if (!$Array.isArray(object.holds))
                            throw $TypeError(".pallet.dashboard.v1.HeldOrder.holds: array expected");
                        message.holds = $Array(object.holds.length);
                        for (let i = 0; i < object.holds.length; ++i) {
                            if (!$util.isObject(object.holds[i]))
                                throw $TypeError(".pallet.dashboard.v1.HeldOrder.holds: object expected");
                            message.holds[i] = $root.pallet.dashboard.v1.HoldReason.fromObject(object.holds[i], _depth + 1);
                        }
                    }
                    if (object.since != null)
                        if (typeof object.since === "object" ? object.since.low || object.since.high : $Number(object.since) !== 0)
                            if ($util.Long)
                                message.since = $util.Long.fromValue(object.since, false);
                            else if (typeof object.since === "string")
                                message.since = $parseInt(object.since, 10);
                            else if (typeof object.since === "number")
                                message.since = object.since;
                            else if (typeof object.since === "object")
                                message.since = new $util.LongBits(object.since.low >>> 0, object.since.high >>> 0).toNumber();
                    if (object.currency != null)
                        if (typeof object.currency !== "string" || object.currency.length)
                            message.currency = $String(object.currency);
                    if (object.totalMinor != null)
                        if (typeof object.totalMinor === "object" ? object.totalMinor.low || object.totalMinor.high : $Number(object.totalMinor) !== 0)
                            if ($util.Long)
                                message.totalMinor = $util.Long.fromValue(object.totalMinor, false);
                            else if (typeof object.totalMinor === "string")
                                message.totalMinor = $parseInt(object.totalMinor, 10);
                            else if (typeof object.totalMinor === "number")
                                message.totalMinor = object.totalMinor;
                            else if (typeof object.totalMinor === "object")
                                message.totalMinor = new $util.LongBits(object.totalMinor.low >>> 0, object.totalMinor.high >>> 0).toNumber();
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, false);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from a HeldOrder message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @static
                 * @param {pallet.dashboard.v1.HeldOrder} message HeldOrder
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                HeldOrder.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.holds = [];
                    if (options.defaults) {
                        object.orderId = "";
                        object.channel = "";
                        object.externalId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.since = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.since = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.currency = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.totalMinor = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.totalMinor = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.orderId != null && $Object.hasOwnProperty.call(message, "orderId"))
                        object.orderId = message.orderId;
                    if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                        object.channel = message.channel;
                    if (message.externalId != null && $Object.hasOwnProperty.call(message, "externalId"))
                        object.externalId = message.externalId;
                    if (message.holds && message.holds.length) {
                        object.holds = $Array(message.holds.length);
                        for (let j = 0; j < message.holds.length; ++j)
                            object.holds[j] = $root.pallet.dashboard.v1.HoldReason.toObject(message.holds[j], options, _depth + 1);
                    }
                    if (message.since != null && $Object.hasOwnProperty.call(message, "since"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.since = typeof message.since === "number" ? $BigInt(message.since) : $util.Long.fromBits(message.since.low >>> 0, message.since.high >>> 0, false).toBigInt();
                        else if (typeof message.since === "number")
                            object.since = options.longs === $String ? $String(message.since) : message.since;
                        else
                            object.since = options.longs === $String ? $util.Long.prototype.toString.call(message.since) : options.longs === $Number ? new $util.LongBits(message.since.low >>> 0, message.since.high >>> 0).toNumber() : message.since;
                    if (message.currency != null && $Object.hasOwnProperty.call(message, "currency"))
                        object.currency = message.currency;
                    if (message.totalMinor != null && $Object.hasOwnProperty.call(message, "totalMinor"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.totalMinor = typeof message.totalMinor === "number" ? $BigInt(message.totalMinor) : $util.Long.fromBits(message.totalMinor.low >>> 0, message.totalMinor.high >>> 0, false).toBigInt();
                        else if (typeof message.totalMinor === "number")
                            object.totalMinor = options.longs === $String ? $String(message.totalMinor) : message.totalMinor;
                        else
                            object.totalMinor = options.longs === $String ? $util.Long.prototype.toString.call(message.totalMinor) : options.longs === $Number ? new $util.LongBits(message.totalMinor.low >>> 0, message.totalMinor.high >>> 0).toNumber() : message.totalMinor;
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, false).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber() : message.version;
                    return object;
                };

                /**
                 * Converts this HeldOrder to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                HeldOrder.prototype.toJSON = function() {
                    return HeldOrder.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for HeldOrder
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.HeldOrder
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                HeldOrder.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.HeldOrder";
                };

                return HeldOrder;
            })();

            v1.OrderPool = (function() {

                /**
                 * Properties of an OrderPool.
                 * @typedef {Object} pallet.dashboard.v1.OrderPool.$Properties
                 * @property {string|null} [day] OrderPool day
                 * @property {string|null} [timeZone] OrderPool timeZone
                 * @property {number|null} [dayStart] OrderPool dayStart
                 * @property {number|null} [total] OrderPool total
                 * @property {Array.<pallet.dashboard.v1.ChannelStatusCount.$Properties>|null} [counts] OrderPool counts
                 * @property {Array.<pallet.dashboard.v1.HeldOrder.$Properties>|null} [held] OrderPool held
                 * @property {Array.<string>|null} [unheld] OrderPool unheld
                 * @property {number|null} [heldCount] OrderPool heldCount
                 * @property {number|null} [paidToReleasedMs] OrderPool paidToReleasedMs
                 * @property {number|null} [paidToReleasedSamples] OrderPool paidToReleasedSamples
                 * @property {number|null} [paidToReleasedMeasured] OrderPool paidToReleasedMeasured
                 * @property {boolean|null} [approximate] OrderPool approximate
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an OrderPool.
                 * @memberof pallet.dashboard.v1
                 * @interface IOrderPool
                 * @augments pallet.dashboard.v1.OrderPool.$Properties
                 * @deprecated Use pallet.dashboard.v1.OrderPool.$Properties instead.
                 */

                /**
                 * Shape of an OrderPool.
                 * @typedef {pallet.dashboard.v1.OrderPool.$Properties} pallet.dashboard.v1.OrderPool.$Shape
                 */

                /**
                 * Constructs a new OrderPool.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents an OrderPool.
                 * @constructor
                 * @param {pallet.dashboard.v1.OrderPool.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const OrderPool = function (properties) {
                    this.counts = [];
                    this.held = [];
                    this.unheld = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * OrderPool day.
                 * @member {string} day
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.day = "";

                /**
                 * OrderPool timeZone.
                 * @member {string} timeZone
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.timeZone = "";

                /**
                 * OrderPool dayStart.
                 * @member {number} dayStart
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.dayStart = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderPool total.
                 * @member {number} total
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.total = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderPool counts.
                 * @member {Array.<pallet.dashboard.v1.ChannelStatusCount.$Properties>} counts
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.counts = $util.emptyArray;

                /**
                 * OrderPool held.
                 * @member {Array.<pallet.dashboard.v1.HeldOrder.$Properties>} held
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.held = $util.emptyArray;

                /**
                 * OrderPool unheld.
                 * @member {Array.<string>} unheld
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.unheld = $util.emptyArray;

                /**
                 * OrderPool heldCount.
                 * @member {number} heldCount
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.heldCount = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderPool paidToReleasedMs.
                 * @member {number} paidToReleasedMs
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.paidToReleasedMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderPool paidToReleasedSamples.
                 * @member {number} paidToReleasedSamples
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.paidToReleasedSamples = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderPool paidToReleasedMeasured.
                 * @member {number} paidToReleasedMeasured
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.paidToReleasedMeasured = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderPool approximate.
                 * @member {boolean} approximate
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 */
                OrderPool.prototype.approximate = false;

                /**
                 * Creates a new OrderPool instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @static
                 * @param {pallet.dashboard.v1.OrderPool.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.OrderPool} OrderPool instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.OrderPool.$Shape): pallet.dashboard.v1.OrderPool & pallet.dashboard.v1.OrderPool.$Shape;
                 *   (properties?: pallet.dashboard.v1.OrderPool.$Properties): pallet.dashboard.v1.OrderPool;
                 * }}
                 */
                OrderPool.create = function(properties) {
                    return new OrderPool(properties);
                };

                /**
                 * Encodes the specified OrderPool message. Does not implicitly {@link pallet.dashboard.v1.OrderPool.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @static
                 * @param {pallet.dashboard.v1.OrderPool.$Properties} message OrderPool message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderPool.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.day != null && $Object.hasOwnProperty.call(message, "day") && message.day !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.day);
                    if (message.timeZone != null && $Object.hasOwnProperty.call(message, "timeZone") && message.timeZone !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.timeZone);
                    if (message.dayStart != null && $Object.hasOwnProperty.call(message, "dayStart") && (typeof message.dayStart === "object" ? message.dayStart.low || message.dayStart.high : message.dayStart !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.dayStart);
                    if (message.total != null && $Object.hasOwnProperty.call(message, "total") && (typeof message.total === "object" ? message.total.low || message.total.high : message.total !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.total);
                    if (message.counts != null && message.counts.length)
                        for (let i = 0; i < message.counts.length; ++i)
                            $root.pallet.dashboard.v1.ChannelStatusCount.encode(message.counts[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.held != null && message.held.length)
                        for (let i = 0; i < message.held.length; ++i)
                            $root.pallet.dashboard.v1.HeldOrder.encode(message.held[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                    if (message.unheld != null && message.unheld.length)
                        for (let i = 0; i < message.unheld.length; ++i)
                            writer.uint32(/* id 7, wireType 2 =*/58).string(message.unheld[i]);
                    if (message.heldCount != null && $Object.hasOwnProperty.call(message, "heldCount") && (typeof message.heldCount === "object" ? message.heldCount.low || message.heldCount.high : message.heldCount !== 0))
                        writer.uint32(/* id 8, wireType 0 =*/64).int64(message.heldCount);
                    if (message.paidToReleasedMs != null && $Object.hasOwnProperty.call(message, "paidToReleasedMs") && (typeof message.paidToReleasedMs === "object" ? message.paidToReleasedMs.low || message.paidToReleasedMs.high : message.paidToReleasedMs !== 0))
                        writer.uint32(/* id 9, wireType 0 =*/72).int64(message.paidToReleasedMs);
                    if (message.paidToReleasedSamples != null && $Object.hasOwnProperty.call(message, "paidToReleasedSamples") && (typeof message.paidToReleasedSamples === "object" ? message.paidToReleasedSamples.low || message.paidToReleasedSamples.high : message.paidToReleasedSamples !== 0))
                        writer.uint32(/* id 10, wireType 0 =*/80).int64(message.paidToReleasedSamples);
                    if (message.paidToReleasedMeasured != null && $Object.hasOwnProperty.call(message, "paidToReleasedMeasured") && (typeof message.paidToReleasedMeasured === "object" ? message.paidToReleasedMeasured.low || message.paidToReleasedMeasured.high : message.paidToReleasedMeasured !== 0))
                        writer.uint32(/* id 11, wireType 0 =*/88).int64(message.paidToReleasedMeasured);
                    if (message.approximate != null && $Object.hasOwnProperty.call(message, "approximate") && message.approximate !== false)
                        writer.uint32(/* id 12, wireType 0 =*/96).bool(message.approximate);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an OrderPool message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.OrderPool & pallet.dashboard.v1.OrderPool.$Shape} OrderPool
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderPool.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.OrderPool();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.day = value;
                                else
                                    delete message.day;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.timeZone = value;
                                else
                                    delete message.timeZone;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.dayStart = value;
                                else
                                    delete message.dayStart;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.total = value;
                                else
                                    delete message.total;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.counts && message.counts.length))
                                    message.counts = [];
                                message.counts.push($root.pallet.dashboard.v1.ChannelStatusCount.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.held && message.held.length))
                                    message.held = [];
                                message.held.push($root.pallet.dashboard.v1.HeldOrder.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.unheld && message.unheld.length))
                                    message.unheld = [];
                                message.unheld.push(reader.stringVerify());
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.heldCount = value;
                                else
                                    delete message.heldCount;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.paidToReleasedMs = value;
                                else
                                    delete message.paidToReleasedMs;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.paidToReleasedSamples = value;
                                else
                                    delete message.paidToReleasedSamples;
                                continue;
                            }
                        case 11: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.paidToReleasedMeasured = value;
                                else
                                    delete message.paidToReleasedMeasured;
                                continue;
                            }
                        case 12: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.approximate = value;
                                else
                                    delete message.approximate;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an OrderPool message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.OrderPool} OrderPool
                 */
                OrderPool.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.OrderPool)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.OrderPool: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.OrderPool();
                    if (object.day != null)
                        if (typeof object.day !== "string" || object.day.length)
                            message.day = $String(object.day);
                    if (object.timeZone != null)
                        if (typeof object.timeZone !== "string" || object.timeZone.length)
                            message.timeZone = $String(object.timeZone);
                    if (object.dayStart != null)
                        if (typeof object.dayStart === "object" ? object.dayStart.low || object.dayStart.high : $Number(object.dayStart) !== 0)
                            if ($util.Long)
                                message.dayStart = $util.Long.fromValue(object.dayStart, false);
                            else if (typeof object.dayStart === "string")
                                message.dayStart = $parseInt(object.dayStart, 10);
                            else if (typeof object.dayStart === "number")
                                message.dayStart = object.dayStart;
                            else if (typeof object.dayStart === "object")
                                message.dayStart = new $util.LongBits(object.dayStart.low >>> 0, object.dayStart.high >>> 0).toNumber();
                    if (object.total != null)
                        if (typeof object.total === "object" ? object.total.low || object.total.high : $Number(object.total) !== 0)
                            if ($util.Long)
                                message.total = $util.Long.fromValue(object.total, false);
                            else if (typeof object.total === "string")
                                message.total = $parseInt(object.total, 10);
                            else if (typeof object.total === "number")
                                message.total = object.total;
                            else if (typeof object.total === "object")
                                message.total = new $util.LongBits(object.total.low >>> 0, object.total.high >>> 0).toNumber();
                    if (object.counts) {
                        if (!$Array.isArray(object.counts))
                            throw $TypeError(".pallet.dashboard.v1.OrderPool.counts: array expected");
                        message.counts = $Array(object.counts.length);
                        for (let i = 0; i < object.counts.length; ++i) {
                            if (!$util.isObject(object.counts[i]))
                                throw $TypeError(".pallet.dashboard.v1.OrderPool.counts: object expected");
                            message.counts[i] = $root.pallet.dashboard.v1.ChannelStatusCount.fromObject(object.counts[i], _depth + 1);
                        }
                    }
                    if (object.held) {
                        if (!$Array.isArray(object.held))
                            throw $TypeError(".pallet.dashboard.v1.OrderPool.held: array expected");
                        message.held = $Array(object.held.length);
                        for (let i = 0; i < object.held.length; ++i) {
                            if (!$util.isObject(object.held[i]))
                                throw $TypeError(".pallet.dashboard.v1.OrderPool.held: object expected");
                            message.held[i] = $root.pallet.dashboard.v1.HeldOrder.fromObject(object.held[i], _depth + 1);
                        }
                    }
                    if (object.unheld) {
                        if (!$Array.isArray(object.unheld))
                            throw $TypeError(".pallet.dashboard.v1.OrderPool.unheld: array expected");
                        message.unheld = $Array(object.unheld.length);
                        for (let i = 0; i < object.unheld.length; ++i)
                            message.unheld[i] = $String(object.unheld[i]);
                    }
                    if (object.heldCount != null)
                        if (typeof object.heldCount === "object" ? object.heldCount.low || object.heldCount.high : $Number(object.heldCount) !== 0)
                            if ($util.Long)
                                message.heldCount = $util.Long.fromValue(object.heldCount, false);
                            else if (typeof object.heldCount === "string")
                                message.heldCount = $parseInt(object.heldCount, 10);
                            else if (typeof object.heldCount === "number")
                                message.heldCount = object.heldCount;
                            else if (typeof object.heldCount === "object")
                                message.heldCount = new $util.LongBits(object.heldCount.low >>> 0, object.heldCount.high >>> 0).toNumber();
                    if (object.paidToReleasedMs != null)
                        if (typeof object.paidToReleasedMs === "object" ? object.paidToReleasedMs.low || object.paidToReleasedMs.high : $Number(object.paidToReleasedMs) !== 0)
                            if ($util.Long)
                                message.paidToReleasedMs = $util.Long.fromValue(object.paidToReleasedMs, false);
                            else if (typeof object.paidToReleasedMs === "string")
                                message.paidToReleasedMs = $parseInt(object.paidToReleasedMs, 10);
                            else if (typeof object.paidToReleasedMs === "number")
                                message.paidToReleasedMs = object.paidToReleasedMs;
                            else if (typeof object.paidToReleasedMs === "object")
                                message.paidToReleasedMs = new $util.LongBits(object.paidToReleasedMs.low >>> 0, object.paidToReleasedMs.high >>> 0).toNumber();
                    if (object.paidToReleasedSamples != null)
                        if (typeof object.paidToReleasedSamples === "object" ? object.paidToReleasedSamples.low || object.paidToReleasedSamples.high : $Number(object.paidToReleasedSamples) !== 0)
                            if ($util.Long)
                                message.paidToReleasedSamples = $util.Long.fromValue(object.paidToReleasedSamples, false);
                            else if (typeof object.paidToReleasedSamples === "string")
                                message.paidToReleasedSamples = $parseInt(object.paidToReleasedSamples, 10);
                            else if (typeof object.paidToReleasedSamples === "number")
                                message.paidToReleasedSamples = object.paidToReleasedSamples;
                            else if (typeof object.paidToReleasedSamples === "object")
                                message.paidToReleasedSamples = new $util.LongBits(object.paidToReleasedSamples.low >>> 0, object.paidToReleasedSamples.high >>> 0).toNumber();
                    if (object.paidToReleasedMeasured != null)
                        if (typeof object.paidToReleasedMeasured === "object" ? object.paidToReleasedMeasured.low || object.paidToReleasedMeasured.high : $Number(object.paidToReleasedMeasured) !== 0)
                            if ($util.Long)
                                message.paidToReleasedMeasured = $util.Long.fromValue(object.paidToReleasedMeasured, false);
                            else if (typeof object.paidToReleasedMeasured === "string")
                                message.paidToReleasedMeasured = $parseInt(object.paidToReleasedMeasured, 10);
                            else if (typeof object.paidToReleasedMeasured === "number")
                                message.paidToReleasedMeasured = object.paidToReleasedMeasured;
                            else if (typeof object.paidToReleasedMeasured === "object")
                                message.paidToReleasedMeasured = new $util.LongBits(object.paidToReleasedMeasured.low >>> 0, object.paidToReleasedMeasured.high >>> 0).toNumber();
                    if (object.approximate != null)
                        if (object.approximate)
                            message.approximate = $Boolean(object.approximate);
                    return message;
                };

                /**
                 * Creates a plain object from an OrderPool message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @static
                 * @param {pallet.dashboard.v1.OrderPool} message OrderPool
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                OrderPool.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.counts = [];
                        object.held = [];
                        object.unheld = [];
                    }
                    if (options.defaults) {
                        object.day = "";
                        object.timeZone = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.dayStart = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.dayStart = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.total = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.total = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.heldCount = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.heldCount = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.paidToReleasedMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.paidToReleasedMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.paidToReleasedSamples = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.paidToReleasedSamples = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.paidToReleasedMeasured = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.paidToReleasedMeasured = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.approximate = false;
                    }
                    if (message.day != null && $Object.hasOwnProperty.call(message, "day"))
                        object.day = message.day;
                    if (message.timeZone != null && $Object.hasOwnProperty.call(message, "timeZone"))
                        object.timeZone = message.timeZone;
                    if (message.dayStart != null && $Object.hasOwnProperty.call(message, "dayStart"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.dayStart = typeof message.dayStart === "number" ? $BigInt(message.dayStart) : $util.Long.fromBits(message.dayStart.low >>> 0, message.dayStart.high >>> 0, false).toBigInt();
                        else if (typeof message.dayStart === "number")
                            object.dayStart = options.longs === $String ? $String(message.dayStart) : message.dayStart;
                        else
                            object.dayStart = options.longs === $String ? $util.Long.prototype.toString.call(message.dayStart) : options.longs === $Number ? new $util.LongBits(message.dayStart.low >>> 0, message.dayStart.high >>> 0).toNumber() : message.dayStart;
                    if (message.total != null && $Object.hasOwnProperty.call(message, "total"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.total = typeof message.total === "number" ? $BigInt(message.total) : $util.Long.fromBits(message.total.low >>> 0, message.total.high >>> 0, false).toBigInt();
                        else if (typeof message.total === "number")
                            object.total = options.longs === $String ? $String(message.total) : message.total;
                        else
                            object.total = options.longs === $String ? $util.Long.prototype.toString.call(message.total) : options.longs === $Number ? new $util.LongBits(message.total.low >>> 0, message.total.high >>> 0).toNumber() : message.total;
                    if (message.counts && message.counts.length) {
                        object.counts = $Array(message.counts.length);
                        for (let j = 0; j < message.counts.length; ++j)
                            object.counts[j] = $root.pallet.dashboard.v1.ChannelStatusCount.toObject(message.counts[j], options, _depth + 1);
                    }
                    if (message.held && message.held.length) {
                        object.held = $Array(message.held.length);
                        for (let j = 0; j < message.held.length; ++j)
                            object.held[j] = $root.pallet.dashboard.v1.HeldOrder.toObject(message.held[j], options, _depth + 1);
                    }
                    if (message.unheld && message.unheld.length) {
                        object.unheld = $Array(message.unheld.length);
                        for (let j = 0; j < message.unheld.length; ++j)
                            object.unheld[j] = message.unheld[j];
                    }
                    if (message.heldCount != null && $Object.hasOwnProperty.call(message, "heldCount"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.heldCount = typeof message.heldCount === "number" ? $BigInt(message.heldCount) : $util.Long.fromBits(message.heldCount.low >>> 0, message.heldCount.high >>> 0, false).toBigInt();
                        else if (typeof message.heldCount === "number")
                            object.heldCount = options.longs === $String ? $String(message.heldCount) : message.heldCount;
                        else
                            object.heldCount = options.longs === $String ? $util.Long.prototype.toString.call(message.heldCount) : options.longs === $Number ? new $util.LongBits(message.heldCount.low >>> 0, message.heldCount.high >>> 0).toNumber() : message.heldCount;
                    if (message.paidToReleasedMs != null && $Object.hasOwnProperty.call(message, "paidToReleasedMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.paidToReleasedMs = typeof message.paidToReleasedMs === "number" ? $BigInt(message.paidToReleasedMs) : $util.Long.fromBits(message.paidToReleasedMs.low >>> 0, message.paidToReleasedMs.high >>> 0, false).toBigInt();
                        else if (typeof message.paidToReleasedMs === "number")
                            object.paidToReleasedMs = options.longs === $String ? $String(message.paidToReleasedMs) : message.paidToReleasedMs;
                        else
                            object.paidToReleasedMs = options.longs === $String ? $util.Long.prototype.toString.call(message.paidToReleasedMs) : options.longs === $Number ? new $util.LongBits(message.paidToReleasedMs.low >>> 0, message.paidToReleasedMs.high >>> 0).toNumber() : message.paidToReleasedMs;
                    if (message.paidToReleasedSamples != null && $Object.hasOwnProperty.call(message, "paidToReleasedSamples"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.paidToReleasedSamples = typeof message.paidToReleasedSamples === "number" ? $BigInt(message.paidToReleasedSamples) : $util.Long.fromBits(message.paidToReleasedSamples.low >>> 0, message.paidToReleasedSamples.high >>> 0, false).toBigInt();
                        else if (typeof message.paidToReleasedSamples === "number")
                            object.paidToReleasedSamples = options.longs === $String ? $String(message.paidToReleasedSamples) : message.paidToReleasedSamples;
                        else
                            object.paidToReleasedSamples = options.longs === $String ? $util.Long.prototype.toString.call(message.paidToReleasedSamples) : options.longs === $Number ? new $util.LongBits(message.paidToReleasedSamples.low >>> 0, message.paidToReleasedSamples.high >>> 0).toNumber() : message.paidToReleasedSamples;
                    if (message.paidToReleasedMeasured != null && $Object.hasOwnProperty.call(message, "paidToReleasedMeasured"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.paidToReleasedMeasured = typeof message.paidToReleasedMeasured === "number" ? $BigInt(message.paidToReleasedMeasured) : $util.Long.fromBits(message.paidToReleasedMeasured.low >>> 0, message.paidToReleasedMeasured.high >>> 0, false).toBigInt();
                        else if (typeof message.paidToReleasedMeasured === "number")
                            object.paidToReleasedMeasured = options.longs === $String ? $String(message.paidToReleasedMeasured) : message.paidToReleasedMeasured;
                        else
                            object.paidToReleasedMeasured = options.longs === $String ? $util.Long.prototype.toString.call(message.paidToReleasedMeasured) : options.longs === $Number ? new $util.LongBits(message.paidToReleasedMeasured.low >>> 0, message.paidToReleasedMeasured.high >>> 0).toNumber() : message.paidToReleasedMeasured;
                    if (message.approximate != null && $Object.hasOwnProperty.call(message, "approximate"))
                        object.approximate = message.approximate;
                    return object;
                };

                /**
                 * Converts this OrderPool to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                OrderPool.prototype.toJSON = function() {
                    return OrderPool.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for OrderPool
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.OrderPool
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                OrderPool.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.OrderPool";
                };

                return OrderPool;
            })();

            v1.Error = (function() {

                /**
                 * Properties of an Error.
                 * @typedef {Object} pallet.dashboard.v1.Error.$Properties
                 * @property {string|null} [code] Error code
                 * @property {string|null} [detail] Error detail
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Error.
                 * @memberof pallet.dashboard.v1
                 * @interface IError
                 * @augments pallet.dashboard.v1.Error.$Properties
                 * @deprecated Use pallet.dashboard.v1.Error.$Properties instead.
                 */

                /**
                 * Shape of an Error.
                 * @typedef {pallet.dashboard.v1.Error.$Properties} pallet.dashboard.v1.Error.$Shape
                 */

                /**
                 * Constructs a new Error.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents an Error.
                 * @constructor
                 * @param {pallet.dashboard.v1.Error.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Error = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Error code.
                 * @member {string} code
                 * @memberof pallet.dashboard.v1.Error
                 * @instance
                 */
                Error.prototype.code = "";

                /**
                 * Error detail.
                 * @member {string} detail
                 * @memberof pallet.dashboard.v1.Error
                 * @instance
                 */
                Error.prototype.detail = "";

                /**
                 * Creates a new Error instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Error
                 * @static
                 * @param {pallet.dashboard.v1.Error.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Error} Error instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Error.$Shape): pallet.dashboard.v1.Error & pallet.dashboard.v1.Error.$Shape;
                 *   (properties?: pallet.dashboard.v1.Error.$Properties): pallet.dashboard.v1.Error;
                 * }}
                 */
                Error.create = function(properties) {
                    return new Error(properties);
                };

                /**
                 * Encodes the specified Error message. Does not implicitly {@link pallet.dashboard.v1.Error.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Error
                 * @static
                 * @param {pallet.dashboard.v1.Error.$Properties} message Error message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Error.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.code);
                    if (message.detail != null && $Object.hasOwnProperty.call(message, "detail") && message.detail !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.detail);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Error message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Error
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Error & pallet.dashboard.v1.Error.$Shape} Error
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Error.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Error();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.code = value;
                                else
                                    delete message.code;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.detail = value;
                                else
                                    delete message.detail;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an Error message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Error
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Error} Error
                 */
                Error.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Error)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Error: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Error();
                    if (object.code != null)
                        if (typeof object.code !== "string" || object.code.length)
                            message.code = $String(object.code);
                    if (object.detail != null)
                        if (typeof object.detail !== "string" || object.detail.length)
                            message.detail = $String(object.detail);
                    return message;
                };

                /**
                 * Creates a plain object from an Error message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Error
                 * @static
                 * @param {pallet.dashboard.v1.Error} message Error
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Error.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.code = "";
                        object.detail = "";
                    }
                    if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                        object.code = message.code;
                    if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                        object.detail = message.detail;
                    return object;
                };

                /**
                 * Converts this Error to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Error
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Error.prototype.toJSON = function() {
                    return Error.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Error
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Error
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Error.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Error";
                };

                return Error;
            })();

            v1.Frame = (function() {

                /**
                 * Properties of a Frame.
                 * @typedef {Object} pallet.dashboard.v1.Frame.$Properties
                 * @property {string|null} [type] Frame type
                 * @property {string|null} [topic] Frame topic
                 * @property {number|null} [seq] Frame seq
                 * @property {number|null} [at] Frame at
                 * @property {pallet.dashboard.v1.Stock.$Properties|null} [stock] Frame stock
                 * @property {pallet.dashboard.v1.LowStock.$Properties|null} [lowStock] Frame lowStock
                 * @property {pallet.dashboard.v1.OrdersToday.$Properties|null} [orders] Frame orders
                 * @property {pallet.dashboard.v1.Exceptions.$Properties|null} [exceptions] Frame exceptions
                 * @property {pallet.dashboard.v1.Error.$Properties|null} [error] Frame error
                 * @property {pallet.dashboard.v1.OrderPool.$Properties|null} [orderPool] Frame orderPool
                 * @property {"stock"|"lowStock"|"orders"|"exceptions"|"error"|"orderPool"} [data] Frame data
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Frame.
                 * @memberof pallet.dashboard.v1
                 * @interface IFrame
                 * @augments pallet.dashboard.v1.Frame.$Properties
                 * @deprecated Use pallet.dashboard.v1.Frame.$Properties instead.
                 */

                /**
                 * Narrowed shape of a Frame.
                 * @typedef {{
                 *   type?: string|null;
                 *   topic?: string|null;
                 *   seq?: number|null;
                 *   at?: number|null;
                 *   stock?: pallet.dashboard.v1.Stock.$Shape|null;
                 *   lowStock?: pallet.dashboard.v1.LowStock.$Shape|null;
                 *   orders?: pallet.dashboard.v1.OrdersToday.$Shape|null;
                 *   exceptions?: pallet.dashboard.v1.Exceptions.$Shape|null;
                 *   error?: pallet.dashboard.v1.Error.$Shape|null;
                 *   orderPool?: pallet.dashboard.v1.OrderPool.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ data?: undefined; stock?: null; lowStock?: null; orders?: null; exceptions?: null; error?: null; orderPool?: null }|{ data?: "stock"; stock: pallet.dashboard.v1.Stock.$Shape; lowStock?: null; orders?: null; exceptions?: null; error?: null; orderPool?: null }|{ data?: "lowStock"; stock?: null; lowStock: pallet.dashboard.v1.LowStock.$Shape; orders?: null; exceptions?: null; error?: null; orderPool?: null }|{ data?: "orders"; stock?: null; lowStock?: null; orders: pallet.dashboard.v1.OrdersToday.$Shape; exceptions?: null; error?: null; orderPool?: null }|{ data?: "exceptions"; stock?: null; lowStock?: null; orders?: null; exceptions: pallet.dashboard.v1.Exceptions.$Shape; error?: null; orderPool?: null }|{ data?: "error"; stock?: null; lowStock?: null; orders?: null; exceptions?: null; error: pallet.dashboard.v1.Error.$Shape; orderPool?: null }|{ data?: "orderPool"; stock?: null; lowStock?: null; orders?: null; exceptions?: null; error?: null; orderPool: pallet.dashboard.v1.OrderPool.$Shape })
                 * )} pallet.dashboard.v1.Frame.$Shape
                 */

                /**
                 * Constructs a new Frame.
                 * @memberof pallet.dashboard.v1
                 * @classdesc Represents a Frame.
                 * @constructor
                 * @param {pallet.dashboard.v1.Frame.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Frame = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Frame type.
                 * @member {string} type
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.type = "";

                /**
                 * Frame topic.
                 * @member {string} topic
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.topic = "";

                /**
                 * Frame seq.
                 * @member {number} seq
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Frame at.
                 * @member {number} at
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.at = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Frame stock.
                 * @member {pallet.dashboard.v1.Stock.$Properties|null|undefined} stock
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.stock = null;

                /**
                 * Frame lowStock.
                 * @member {pallet.dashboard.v1.LowStock.$Properties|null|undefined} lowStock
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.lowStock = null;

                /**
                 * Frame orders.
                 * @member {pallet.dashboard.v1.OrdersToday.$Properties|null|undefined} orders
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.orders = null;

                /**
                 * Frame exceptions.
                 * @member {pallet.dashboard.v1.Exceptions.$Properties|null|undefined} exceptions
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.exceptions = null;

                /**
                 * Frame error.
                 * @member {pallet.dashboard.v1.Error.$Properties|null|undefined} error
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.error = null;

                /**
                 * Frame orderPool.
                 * @member {pallet.dashboard.v1.OrderPool.$Properties|null|undefined} orderPool
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                Frame.prototype.orderPool = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * Frame data.
                 * @member {"stock"|"lowStock"|"orders"|"exceptions"|"error"|"orderPool"|undefined} data
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 */
                $Object.defineProperty(Frame.prototype, "data", {
                    get: $util.oneOfGetter($oneOfFields = ["stock", "lowStock", "orders", "exceptions", "error", "orderPool"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new Frame instance using the specified properties.
                 * @function create
                 * @memberof pallet.dashboard.v1.Frame
                 * @static
                 * @param {pallet.dashboard.v1.Frame.$Properties=} [properties] Properties to set
                 * @returns {pallet.dashboard.v1.Frame} Frame instance
                 * @type {{
                 *   (properties: pallet.dashboard.v1.Frame.$Shape): pallet.dashboard.v1.Frame & pallet.dashboard.v1.Frame.$Shape;
                 *   (properties?: pallet.dashboard.v1.Frame.$Properties): pallet.dashboard.v1.Frame;
                 * }}
                 */
                Frame.create = function(properties) {
                    return new Frame(properties);
                };

                /**
                 * Encodes the specified Frame message. Does not implicitly {@link pallet.dashboard.v1.Frame.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.dashboard.v1.Frame
                 * @static
                 * @param {pallet.dashboard.v1.Frame.$Properties} message Frame message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Frame.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.type);
                    if (message.topic != null && $Object.hasOwnProperty.call(message, "topic") && message.topic !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.topic);
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.seq);
                    if (message.at != null && $Object.hasOwnProperty.call(message, "at") && (typeof message.at === "object" ? message.at.low || message.at.high : message.at !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.at);
                    if (message.stock != null && $Object.hasOwnProperty.call(message, "stock"))
                        $root.pallet.dashboard.v1.Stock.encode(message.stock, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                    if (message.lowStock != null && $Object.hasOwnProperty.call(message, "lowStock"))
                        $root.pallet.dashboard.v1.LowStock.encode(message.lowStock, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                    if (message.orders != null && $Object.hasOwnProperty.call(message, "orders"))
                        $root.pallet.dashboard.v1.OrdersToday.encode(message.orders, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                    if (message.exceptions != null && $Object.hasOwnProperty.call(message, "exceptions"))
                        $root.pallet.dashboard.v1.Exceptions.encode(message.exceptions, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                        $root.pallet.dashboard.v1.Error.encode(message.error, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                    if (message.orderPool != null && $Object.hasOwnProperty.call(message, "orderPool"))
                        $root.pallet.dashboard.v1.OrderPool.encode(message.orderPool, writer.uint32(/* id 15, wireType 2 =*/122).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Frame message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.dashboard.v1.Frame
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Frame & pallet.dashboard.v1.Frame.$Shape} Frame
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Frame.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.pallet.dashboard.v1.Frame();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.type = value;
                                else
                                    delete message.type;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.topic = value;
                                else
                                    delete message.topic;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.at = value;
                                else
                                    delete message.at;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 2)
                                    break;
                                message.stock = $root.pallet.dashboard.v1.Stock.decode(reader, reader.size(), $undefined, _depth + 1, message.stock);
                                message.data = "stock";
                                continue;
                            }
                        case 11: {
                                if (wireType !== 2)
                                    break;
                                message.lowStock = $root.pallet.dashboard.v1.LowStock.decode(reader, reader.size(), $undefined, _depth + 1, message.lowStock);
                                message.data = "lowStock";
                                continue;
                            }
                        case 12: {
                                if (wireType !== 2)
                                    break;
                                message.orders = $root.pallet.dashboard.v1.OrdersToday.decode(reader, reader.size(), $undefined, _depth + 1, message.orders);
                                message.data = "orders";
                                continue;
                            }
                        case 13: {
                                if (wireType !== 2)
                                    break;
                                message.exceptions = $root.pallet.dashboard.v1.Exceptions.decode(reader, reader.size(), $undefined, _depth + 1, message.exceptions);
                                message.data = "exceptions";
                                continue;
                            }
                        case 14: {
                                if (wireType !== 2)
                                    break;
                                message.error = $root.pallet.dashboard.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                                message.data = "error";
                                continue;
                            }
                        case 15: {
                                if (wireType !== 2)
                                    break;
                                message.orderPool = $root.pallet.dashboard.v1.OrderPool.decode(reader, reader.size(), $undefined, _depth + 1, message.orderPool);
                                message.data = "orderPool";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Frame message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.dashboard.v1.Frame
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.dashboard.v1.Frame} Frame
                 */
                Frame.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.dashboard.v1.Frame)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.dashboard.v1.Frame: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.dashboard.v1.Frame();
                    if (object.type != null)
                        if (typeof object.type !== "string" || object.type.length)
                            message.type = $String(object.type);
                    if (object.topic != null)
                        if (typeof object.topic !== "string" || object.topic.length)
                            message.topic = $String(object.topic);
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, true);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                    if (object.at != null)
                        if (typeof object.at === "object" ? object.at.low || object.at.high : $Number(object.at) !== 0)
                            if ($util.Long)
                                message.at = $util.Long.fromValue(object.at, false);
                            else if (typeof object.at === "string")
                                message.at = $parseInt(object.at, 10);
                            else if (typeof object.at === "number")
                                message.at = object.at;
                            else if (typeof object.at === "object")
                                message.at = new $util.LongBits(object.at.low >>> 0, object.at.high >>> 0).toNumber();
                    if (object.stock != null) {
                        if (!$util.isObject(object.stock))
                            throw $TypeError(".pallet.dashboard.v1.Frame.stock: object expected");
                        message.stock = $root.pallet.dashboard.v1.Stock.fromObject(object.stock, _depth + 1);
                    }
                    if (object.lowStock != null) {
                        if (!$util.isObject(object.lowStock))
                            throw $TypeError(".pallet.dashboard.v1.Frame.lowStock: object expected");
                        message.lowStock = $root.pallet.dashboard.v1.LowStock.fromObject(object.lowStock, _depth + 1);
                    }
                    if (object.orders != null) {
                        if (!$util.isObject(object.orders))
                            throw $TypeError(".pallet.dashboard.v1.Frame.orders: object expected");
                        message.orders = $root.pallet.dashboard.v1.OrdersToday.fromObject(object.orders, _depth + 1);
                    }
                    if (object.exceptions != null) {
                        if (!$util.isObject(object.exceptions))
                            throw $TypeError(".pallet.dashboard.v1.Frame.exceptions: object expected");
                        message.exceptions = $root.pallet.dashboard.v1.Exceptions.fromObject(object.exceptions, _depth + 1);
                    }
                    if (object.error != null) {
                        if (!$util.isObject(object.error))
                            throw $TypeError(".pallet.dashboard.v1.Frame.error: object expected");
                        message.error = $root.pallet.dashboard.v1.Error.fromObject(object.error, _depth + 1);
                    }
                    if (object.orderPool != null) {
                        if (!$util.isObject(object.orderPool))
                            throw $TypeError(".pallet.dashboard.v1.Frame.orderPool: object expected");
                        message.orderPool = $root.pallet.dashboard.v1.OrderPool.fromObject(object.orderPool, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Frame message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.dashboard.v1.Frame
                 * @static
                 * @param {pallet.dashboard.v1.Frame} message Frame
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Frame.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.type = "";
                        object.topic = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.at = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.at = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                        object.type = message.type;
                    if (message.topic != null && $Object.hasOwnProperty.call(message, "topic"))
                        object.topic = message.topic;
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                    if (message.at != null && $Object.hasOwnProperty.call(message, "at"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.at = typeof message.at === "number" ? $BigInt(message.at) : $util.Long.fromBits(message.at.low >>> 0, message.at.high >>> 0, false).toBigInt();
                        else if (typeof message.at === "number")
                            object.at = options.longs === $String ? $String(message.at) : message.at;
                        else
                            object.at = options.longs === $String ? $util.Long.prototype.toString.call(message.at) : options.longs === $Number ? new $util.LongBits(message.at.low >>> 0, message.at.high >>> 0).toNumber() : message.at;
                    if (message.stock != null && $Object.hasOwnProperty.call(message, "stock")) {
                        object.stock = $root.pallet.dashboard.v1.Stock.toObject(message.stock, options, _depth + 1);
                        if (options.oneofs)
                            object.data = "stock";
                    }
                    if (message.lowStock != null && $Object.hasOwnProperty.call(message, "lowStock")) {
                        object.lowStock = $root.pallet.dashboard.v1.LowStock.toObject(message.lowStock, options, _depth + 1);
                        if (options.oneofs)
                            object.data = "lowStock";
                    }
                    if (message.orders != null && $Object.hasOwnProperty.call(message, "orders")) {
                        object.orders = $root.pallet.dashboard.v1.OrdersToday.toObject(message.orders, options, _depth + 1);
                        if (options.oneofs)
                            object.data = "orders";
                    }
                    if (message.exceptions != null && $Object.hasOwnProperty.call(message, "exceptions")) {
                        object.exceptions = $root.pallet.dashboard.v1.Exceptions.toObject(message.exceptions, options, _depth + 1);
                        if (options.oneofs)
                            object.data = "exceptions";
                    }
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                        object.error = $root.pallet.dashboard.v1.Error.toObject(message.error, options, _depth + 1);
                        if (options.oneofs)
                            object.data = "error";
                    }
                    if (message.orderPool != null && $Object.hasOwnProperty.call(message, "orderPool")) {
                        object.orderPool = $root.pallet.dashboard.v1.OrderPool.toObject(message.orderPool, options, _depth + 1);
                        if (options.oneofs)
                            object.data = "orderPool";
                    }
                    return object;
                };

                /**
                 * Converts this Frame to JSON.
                 * @function toJSON
                 * @memberof pallet.dashboard.v1.Frame
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Frame.prototype.toJSON = function() {
                    return Frame.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Frame
                 * @function getTypeUrl
                 * @memberof pallet.dashboard.v1.Frame
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Frame.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.dashboard.v1.Frame";
                };

                return Frame;
            })();

            return v1;
        })();

        return dashboard;
    })();

    return pallet;
})();

export {
  $root as default
};
