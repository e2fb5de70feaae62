/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Array = $util.global.Array;

// Exported root namespace
const $root = $protobuf.roots["pallet_events"] || ($protobuf.roots["pallet_events"] = {});

export const pallet = $root.pallet = (() => {

    /**
     * Namespace pallet.
     * @exports pallet
     * @namespace
     */
    const pallet = {};

    pallet.events = (function() {

        /**
         * Namespace events.
         * @memberof pallet
         * @namespace
         */
        const events = {};

        events.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof pallet.events
             * @namespace
             */
            const v1 = {};

            v1.CellChange = (function() {

                /**
                 * Properties of a CellChange.
                 * @typedef {Object} pallet.events.v1.CellChange.$Properties
                 * @property {string|null} [warehouse] CellChange warehouse
                 * @property {string|null} [sku] CellChange sku
                 * @property {number|null} [dOnHand] CellChange dOnHand
                 * @property {number|null} [dReserved] CellChange dReserved
                 * @property {number|null} [dCommitted] CellChange dCommitted
                 * @property {number|null} [onHand] CellChange onHand
                 * @property {number|null} [reserved] CellChange reserved
                 * @property {number|null} [committed] CellChange committed
                 * @property {number|null} [version] CellChange version
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a CellChange.
                 * @memberof pallet.events.v1
                 * @interface ICellChange
                 * @augments pallet.events.v1.CellChange.$Properties
                 * @deprecated Use pallet.events.v1.CellChange.$Properties instead.
                 */

                /**
                 * Shape of a CellChange.
                 * @typedef {pallet.events.v1.CellChange.$Properties} pallet.events.v1.CellChange.$Shape
                 */

                /**
                 * Constructs a new CellChange.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a CellChange.
                 * @constructor
                 * @param {pallet.events.v1.CellChange.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const CellChange = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * CellChange warehouse.
                 * @member {string} warehouse
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 */
                CellChange.prototype.warehouse = "";

                /**
                 * CellChange sku.
                 * @member {string} sku
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 */
                CellChange.prototype.sku = "";

                /**
                 * CellChange dOnHand.
                 * @member {number} dOnHand
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 */
                CellChange.prototype.dOnHand = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * CellChange dReserved.
                 * @member {number} dReserved
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 */
                CellChange.prototype.dReserved = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * CellChange dCommitted.
                 * @member {number} dCommitted
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 */
                CellChange.prototype.dCommitted = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * CellChange onHand.
                 * @member {number} onHand
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 */
                CellChange.prototype.onHand = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * CellChange reserved.
                 * @member {number} reserved
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 */
                CellChange.prototype.reserved = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * CellChange committed.
                 * @member {number} committed
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 */
                CellChange.prototype.committed = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * CellChange version.
                 * @member {number} version
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 */
                CellChange.prototype.version = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new CellChange instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.CellChange
                 * @static
                 * @param {pallet.events.v1.CellChange.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.CellChange} CellChange instance
                 * @type {{
                 *   (properties: pallet.events.v1.CellChange.$Shape): pallet.events.v1.CellChange & pallet.events.v1.CellChange.$Shape;
                 *   (properties?: pallet.events.v1.CellChange.$Properties): pallet.events.v1.CellChange;
                 * }}
                 */
                CellChange.create = function(properties) {
                    return new CellChange(properties);
                };

                /**
                 * Encodes the specified CellChange message. Does not implicitly {@link pallet.events.v1.CellChange.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.CellChange
                 * @static
                 * @param {pallet.events.v1.CellChange.$Properties} message CellChange message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CellChange.encode = function (message, writer, _depth) {
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
                    if (message.dOnHand != null && $Object.hasOwnProperty.call(message, "dOnHand") && (typeof message.dOnHand === "object" ? message.dOnHand.low || message.dOnHand.high : message.dOnHand !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.dOnHand);
                    if (message.dReserved != null && $Object.hasOwnProperty.call(message, "dReserved") && (typeof message.dReserved === "object" ? message.dReserved.low || message.dReserved.high : message.dReserved !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.dReserved);
                    if (message.dCommitted != null && $Object.hasOwnProperty.call(message, "dCommitted") && (typeof message.dCommitted === "object" ? message.dCommitted.low || message.dCommitted.high : message.dCommitted !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.dCommitted);
                    if (message.onHand != null && $Object.hasOwnProperty.call(message, "onHand") && (typeof message.onHand === "object" ? message.onHand.low || message.onHand.high : message.onHand !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).int64(message.onHand);
                    if (message.reserved != null && $Object.hasOwnProperty.call(message, "reserved") && (typeof message.reserved === "object" ? message.reserved.low || message.reserved.high : message.reserved !== 0))
                        writer.uint32(/* id 7, wireType 0 =*/56).int64(message.reserved);
                    if (message.committed != null && $Object.hasOwnProperty.call(message, "committed") && (typeof message.committed === "object" ? message.committed.low || message.committed.high : message.committed !== 0))
                        writer.uint32(/* id 8, wireType 0 =*/64).int64(message.committed);
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 9, wireType 0 =*/72).int64(message.version);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a CellChange message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.CellChange
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.CellChange & pallet.events.v1.CellChange.$Shape} CellChange
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CellChange.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.CellChange();
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
                                    message.dOnHand = value;
                                else
                                    delete message.dOnHand;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.dReserved = value;
                                else
                                    delete message.dReserved;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.dCommitted = value;
                                else
                                    delete message.dCommitted;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.onHand = value;
                                else
                                    delete message.onHand;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.reserved = value;
                                else
                                    delete message.reserved;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.committed = value;
                                else
                                    delete message.committed;
                                continue;
                            }
                        case 9: {
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
                 * Creates a CellChange message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.CellChange
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.CellChange} CellChange
                 */
                CellChange.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.CellChange)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.CellChange: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.CellChange();
                    if (object.warehouse != null)
                        if (typeof object.warehouse !== "string" || object.warehouse.length)
                            message.warehouse = $String(object.warehouse);
                    if (object.sku != null)
                        if (typeof object.sku !== "string" || object.sku.length)
                            message.sku = $String(object.sku);
                    if (object.dOnHand != null)
                        if (typeof object.dOnHand === "object" ? object.dOnHand.low || object.dOnHand.high : $Number(object.dOnHand) !== 0)
                            if ($util.Long)
                                message.dOnHand = $util.Long.fromValue(object.dOnHand, false);
                            else if (typeof object.dOnHand === "string")
                                message.dOnHand = $parseInt(object.dOnHand, 10);
                            else if (typeof object.dOnHand === "number")
                                message.dOnHand = object.dOnHand;
                            else if (typeof object.dOnHand === "object")
                                message.dOnHand = new $util.LongBits(object.dOnHand.low >>> 0, object.dOnHand.high >>> 0).toNumber();
                    if (object.dReserved != null)
                        if (typeof object.dReserved === "object" ? object.dReserved.low || object.dReserved.high : $Number(object.dReserved) !== 0)
                            if ($util.Long)
                                message.dReserved = $util.Long.fromValue(object.dReserved, false);
                            else if (typeof object.dReserved === "string")
                                message.dReserved = $parseInt(object.dReserved, 10);
                            else if (typeof object.dReserved === "number")
                                message.dReserved = object.dReserved;
                            else if (typeof object.dReserved === "object")
                                message.dReserved = new $util.LongBits(object.dReserved.low >>> 0, object.dReserved.high >>> 0).toNumber();
                    if (object.dCommitted != null)
                        if (typeof object.dCommitted === "object" ? object.dCommitted.low || object.dCommitted.high : $Number(object.dCommitted) !== 0)
                            if ($util.Long)
                                message.dCommitted = $util.Long.fromValue(object.dCommitted, false);
                            else if (typeof object.dCommitted === "string")
                                message.dCommitted = $parseInt(object.dCommitted, 10);
                            else if (typeof object.dCommitted === "number")
                                message.dCommitted = object.dCommitted;
                            else if (typeof object.dCommitted === "object")
                                message.dCommitted = new $util.LongBits(object.dCommitted.low >>> 0, object.dCommitted.high >>> 0).toNumber();
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
                 * Creates a plain object from a CellChange message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.CellChange
                 * @static
                 * @param {pallet.events.v1.CellChange} message CellChange
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                CellChange.toObject = function (message, options, _depth) {
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
                            object.dOnHand = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.dOnHand = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.dReserved = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.dReserved = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.dCommitted = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.dCommitted = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
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
                    if (message.warehouse != null && $Object.hasOwnProperty.call(message, "warehouse"))
                        object.warehouse = message.warehouse;
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku"))
                        object.sku = message.sku;
                    if (message.dOnHand != null && $Object.hasOwnProperty.call(message, "dOnHand"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.dOnHand = typeof message.dOnHand === "number" ? $BigInt(message.dOnHand) : $util.Long.fromBits(message.dOnHand.low >>> 0, message.dOnHand.high >>> 0, false).toBigInt();
                        else if (typeof message.dOnHand === "number")
                            object.dOnHand = options.longs === $String ? $String(message.dOnHand) : message.dOnHand;
                        else
                            object.dOnHand = options.longs === $String ? $util.Long.prototype.toString.call(message.dOnHand) : options.longs === $Number ? new $util.LongBits(message.dOnHand.low >>> 0, message.dOnHand.high >>> 0).toNumber() : message.dOnHand;
                    if (message.dReserved != null && $Object.hasOwnProperty.call(message, "dReserved"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.dReserved = typeof message.dReserved === "number" ? $BigInt(message.dReserved) : $util.Long.fromBits(message.dReserved.low >>> 0, message.dReserved.high >>> 0, false).toBigInt();
                        else if (typeof message.dReserved === "number")
                            object.dReserved = options.longs === $String ? $String(message.dReserved) : message.dReserved;
                        else
                            object.dReserved = options.longs === $String ? $util.Long.prototype.toString.call(message.dReserved) : options.longs === $Number ? new $util.LongBits(message.dReserved.low >>> 0, message.dReserved.high >>> 0).toNumber() : message.dReserved;
                    if (message.dCommitted != null && $Object.hasOwnProperty.call(message, "dCommitted"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.dCommitted = typeof message.dCommitted === "number" ? $BigInt(message.dCommitted) : $util.Long.fromBits(message.dCommitted.low >>> 0, message.dCommitted.high >>> 0, false).toBigInt();
                        else if (typeof message.dCommitted === "number")
                            object.dCommitted = options.longs === $String ? $String(message.dCommitted) : message.dCommitted;
                        else
                            object.dCommitted = options.longs === $String ? $util.Long.prototype.toString.call(message.dCommitted) : options.longs === $Number ? new $util.LongBits(message.dCommitted.low >>> 0, message.dCommitted.high >>> 0).toNumber() : message.dCommitted;
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
                 * Converts this CellChange to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.CellChange
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                CellChange.prototype.toJSON = function() {
                    return CellChange.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for CellChange
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.CellChange
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                CellChange.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.CellChange";
                };

                return CellChange;
            })();

            v1.StockSet = (function() {

                /**
                 * Properties of a StockSet.
                 * @typedef {Object} pallet.events.v1.StockSet.$Properties
                 * @property {string|null} [warehouse] StockSet warehouse
                 * @property {string|null} [sku] StockSet sku
                 * @property {string|null} [reason] StockSet reason
                 * @property {number|null} [inTransit] StockSet inTransit
                 * @property {number|null} [safetyStock] StockSet safetyStock
                 * @property {pallet.events.v1.CellChange.$Properties|null} [cell] StockSet cell
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StockSet.
                 * @memberof pallet.events.v1
                 * @interface IStockSet
                 * @augments pallet.events.v1.StockSet.$Properties
                 * @deprecated Use pallet.events.v1.StockSet.$Properties instead.
                 */

                /**
                 * Shape of a StockSet.
                 * @typedef {pallet.events.v1.StockSet.$Properties} pallet.events.v1.StockSet.$Shape
                 */

                /**
                 * Constructs a new StockSet.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a StockSet.
                 * @constructor
                 * @param {pallet.events.v1.StockSet.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StockSet = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StockSet warehouse.
                 * @member {string} warehouse
                 * @memberof pallet.events.v1.StockSet
                 * @instance
                 */
                StockSet.prototype.warehouse = "";

                /**
                 * StockSet sku.
                 * @member {string} sku
                 * @memberof pallet.events.v1.StockSet
                 * @instance
                 */
                StockSet.prototype.sku = "";

                /**
                 * StockSet reason.
                 * @member {string} reason
                 * @memberof pallet.events.v1.StockSet
                 * @instance
                 */
                StockSet.prototype.reason = "";

                /**
                 * StockSet inTransit.
                 * @member {number} inTransit
                 * @memberof pallet.events.v1.StockSet
                 * @instance
                 */
                StockSet.prototype.inTransit = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * StockSet safetyStock.
                 * @member {number} safetyStock
                 * @memberof pallet.events.v1.StockSet
                 * @instance
                 */
                StockSet.prototype.safetyStock = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * StockSet cell.
                 * @member {pallet.events.v1.CellChange.$Properties|null|undefined} cell
                 * @memberof pallet.events.v1.StockSet
                 * @instance
                 */
                StockSet.prototype.cell = null;

                /**
                 * Creates a new StockSet instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.StockSet
                 * @static
                 * @param {pallet.events.v1.StockSet.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.StockSet} StockSet instance
                 * @type {{
                 *   (properties: pallet.events.v1.StockSet.$Shape): pallet.events.v1.StockSet & pallet.events.v1.StockSet.$Shape;
                 *   (properties?: pallet.events.v1.StockSet.$Properties): pallet.events.v1.StockSet;
                 * }}
                 */
                StockSet.create = function(properties) {
                    return new StockSet(properties);
                };

                /**
                 * Encodes the specified StockSet message. Does not implicitly {@link pallet.events.v1.StockSet.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.StockSet
                 * @static
                 * @param {pallet.events.v1.StockSet.$Properties} message StockSet message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StockSet.encode = function (message, writer, _depth) {
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
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.reason);
                    if (message.inTransit != null && $Object.hasOwnProperty.call(message, "inTransit") && (typeof message.inTransit === "object" ? message.inTransit.low || message.inTransit.high : message.inTransit !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.inTransit);
                    if (message.safetyStock != null && $Object.hasOwnProperty.call(message, "safetyStock") && (typeof message.safetyStock === "object" ? message.safetyStock.low || message.safetyStock.high : message.safetyStock !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.safetyStock);
                    if (message.cell != null && $Object.hasOwnProperty.call(message, "cell"))
                        $root.pallet.events.v1.CellChange.encode(message.cell, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StockSet message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.StockSet
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockSet & pallet.events.v1.StockSet.$Shape} StockSet
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StockSet.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.StockSet();
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
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.inTransit = value;
                                else
                                    delete message.inTransit;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.safetyStock = value;
                                else
                                    delete message.safetyStock;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                message.cell = $root.pallet.events.v1.CellChange.decode(reader, reader.size(), $undefined, _depth + 1, message.cell);
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
                 * Creates a StockSet message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.StockSet
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.StockSet} StockSet
                 */
                StockSet.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.StockSet)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.StockSet: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.StockSet();
                    if (object.warehouse != null)
                        if (typeof object.warehouse !== "string" || object.warehouse.length)
                            message.warehouse = $String(object.warehouse);
                    if (object.sku != null)
                        if (typeof object.sku !== "string" || object.sku.length)
                            message.sku = $String(object.sku);
                    if (object.reason != null)
                        if (typeof object.reason !== "string" || object.reason.length)
                            message.reason = $String(object.reason);
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
                    if (object.cell != null) {
                        if (!$util.isObject(object.cell))
                            throw $TypeError(".pallet.events.v1.StockSet.cell: object expected");
                        message.cell = $root.pallet.events.v1.CellChange.fromObject(object.cell, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a StockSet message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.StockSet
                 * @static
                 * @param {pallet.events.v1.StockSet} message StockSet
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                StockSet.toObject = function (message, options, _depth) {
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
                        object.reason = "";
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
                        object.cell = null;
                    }
                    if (message.warehouse != null && $Object.hasOwnProperty.call(message, "warehouse"))
                        object.warehouse = message.warehouse;
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku"))
                        object.sku = message.sku;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
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
                    if (message.cell != null && $Object.hasOwnProperty.call(message, "cell"))
                        object.cell = $root.pallet.events.v1.CellChange.toObject(message.cell, options, _depth + 1);
                    return object;
                };

                /**
                 * Converts this StockSet to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.StockSet
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                StockSet.prototype.toJSON = function() {
                    return StockSet.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for StockSet
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.StockSet
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StockSet.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.StockSet";
                };

                return StockSet;
            })();

            v1.StockAdjusted = (function() {

                /**
                 * Properties of a StockAdjusted.
                 * @typedef {Object} pallet.events.v1.StockAdjusted.$Properties
                 * @property {string|null} [warehouse] StockAdjusted warehouse
                 * @property {string|null} [sku] StockAdjusted sku
                 * @property {string|null} [reason] StockAdjusted reason
                 * @property {number|null} [inTransit] StockAdjusted inTransit
                 * @property {number|null} [safetyStock] StockAdjusted safetyStock
                 * @property {pallet.events.v1.CellChange.$Properties|null} [cell] StockAdjusted cell
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StockAdjusted.
                 * @memberof pallet.events.v1
                 * @interface IStockAdjusted
                 * @augments pallet.events.v1.StockAdjusted.$Properties
                 * @deprecated Use pallet.events.v1.StockAdjusted.$Properties instead.
                 */

                /**
                 * Shape of a StockAdjusted.
                 * @typedef {pallet.events.v1.StockAdjusted.$Properties} pallet.events.v1.StockAdjusted.$Shape
                 */

                /**
                 * Constructs a new StockAdjusted.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a StockAdjusted.
                 * @constructor
                 * @param {pallet.events.v1.StockAdjusted.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StockAdjusted = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StockAdjusted warehouse.
                 * @member {string} warehouse
                 * @memberof pallet.events.v1.StockAdjusted
                 * @instance
                 */
                StockAdjusted.prototype.warehouse = "";

                /**
                 * StockAdjusted sku.
                 * @member {string} sku
                 * @memberof pallet.events.v1.StockAdjusted
                 * @instance
                 */
                StockAdjusted.prototype.sku = "";

                /**
                 * StockAdjusted reason.
                 * @member {string} reason
                 * @memberof pallet.events.v1.StockAdjusted
                 * @instance
                 */
                StockAdjusted.prototype.reason = "";

                /**
                 * StockAdjusted inTransit.
                 * @member {number} inTransit
                 * @memberof pallet.events.v1.StockAdjusted
                 * @instance
                 */
                StockAdjusted.prototype.inTransit = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * StockAdjusted safetyStock.
                 * @member {number} safetyStock
                 * @memberof pallet.events.v1.StockAdjusted
                 * @instance
                 */
                StockAdjusted.prototype.safetyStock = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * StockAdjusted cell.
                 * @member {pallet.events.v1.CellChange.$Properties|null|undefined} cell
                 * @memberof pallet.events.v1.StockAdjusted
                 * @instance
                 */
                StockAdjusted.prototype.cell = null;

                /**
                 * Creates a new StockAdjusted instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.StockAdjusted
                 * @static
                 * @param {pallet.events.v1.StockAdjusted.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.StockAdjusted} StockAdjusted instance
                 * @type {{
                 *   (properties: pallet.events.v1.StockAdjusted.$Shape): pallet.events.v1.StockAdjusted & pallet.events.v1.StockAdjusted.$Shape;
                 *   (properties?: pallet.events.v1.StockAdjusted.$Properties): pallet.events.v1.StockAdjusted;
                 * }}
                 */
                StockAdjusted.create = function(properties) {
                    return new StockAdjusted(properties);
                };

                /**
                 * Encodes the specified StockAdjusted message. Does not implicitly {@link pallet.events.v1.StockAdjusted.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.StockAdjusted
                 * @static
                 * @param {pallet.events.v1.StockAdjusted.$Properties} message StockAdjusted message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StockAdjusted.encode = function (message, writer, _depth) {
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
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.reason);
                    if (message.inTransit != null && $Object.hasOwnProperty.call(message, "inTransit") && (typeof message.inTransit === "object" ? message.inTransit.low || message.inTransit.high : message.inTransit !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.inTransit);
                    if (message.safetyStock != null && $Object.hasOwnProperty.call(message, "safetyStock") && (typeof message.safetyStock === "object" ? message.safetyStock.low || message.safetyStock.high : message.safetyStock !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.safetyStock);
                    if (message.cell != null && $Object.hasOwnProperty.call(message, "cell"))
                        $root.pallet.events.v1.CellChange.encode(message.cell, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StockAdjusted message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.StockAdjusted
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockAdjusted & pallet.events.v1.StockAdjusted.$Shape} StockAdjusted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StockAdjusted.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.StockAdjusted();
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
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.inTransit = value;
                                else
                                    delete message.inTransit;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.safetyStock = value;
                                else
                                    delete message.safetyStock;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                message.cell = $root.pallet.events.v1.CellChange.decode(reader, reader.size(), $undefined, _depth + 1, message.cell);
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
                 * Creates a StockAdjusted message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.StockAdjusted
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.StockAdjusted} StockAdjusted
                 */
                StockAdjusted.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.StockAdjusted)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.StockAdjusted: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.StockAdjusted();
                    if (object.warehouse != null)
                        if (typeof object.warehouse !== "string" || object.warehouse.length)
                            message.warehouse = $String(object.warehouse);
                    if (object.sku != null)
                        if (typeof object.sku !== "string" || object.sku.length)
                            message.sku = $String(object.sku);
                    if (object.reason != null)
                        if (typeof object.reason !== "string" || object.reason.length)
                            message.reason = $String(object.reason);
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
                    if (object.cell != null) {
                        if (!$util.isObject(object.cell))
                            throw $TypeError(".pallet.events.v1.StockAdjusted.cell: object expected");
                        message.cell = $root.pallet.events.v1.CellChange.fromObject(object.cell, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a StockAdjusted message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.StockAdjusted
                 * @static
                 * @param {pallet.events.v1.StockAdjusted} message StockAdjusted
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                StockAdjusted.toObject = function (message, options, _depth) {
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
                        object.reason = "";
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
                        object.cell = null;
                    }
                    if (message.warehouse != null && $Object.hasOwnProperty.call(message, "warehouse"))
                        object.warehouse = message.warehouse;
                    if (message.sku != null && $Object.hasOwnProperty.call(message, "sku"))
                        object.sku = message.sku;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
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
                    if (message.cell != null && $Object.hasOwnProperty.call(message, "cell"))
                        object.cell = $root.pallet.events.v1.CellChange.toObject(message.cell, options, _depth + 1);
                    return object;
                };

                /**
                 * Converts this StockAdjusted to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.StockAdjusted
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                StockAdjusted.prototype.toJSON = function() {
                    return StockAdjusted.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for StockAdjusted
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.StockAdjusted
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StockAdjusted.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.StockAdjusted";
                };

                return StockAdjusted;
            })();

            v1.StockReserved = (function() {

                /**
                 * Properties of a StockReserved.
                 * @typedef {Object} pallet.events.v1.StockReserved.$Properties
                 * @property {string|null} [reservationId] StockReserved reservationId
                 * @property {number|null} [expiresAtMs] StockReserved expiresAtMs
                 * @property {Array.<pallet.events.v1.CellChange.$Properties>|null} [cells] StockReserved cells
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StockReserved.
                 * @memberof pallet.events.v1
                 * @interface IStockReserved
                 * @augments pallet.events.v1.StockReserved.$Properties
                 * @deprecated Use pallet.events.v1.StockReserved.$Properties instead.
                 */

                /**
                 * Shape of a StockReserved.
                 * @typedef {pallet.events.v1.StockReserved.$Properties} pallet.events.v1.StockReserved.$Shape
                 */

                /**
                 * Constructs a new StockReserved.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a StockReserved.
                 * @constructor
                 * @param {pallet.events.v1.StockReserved.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StockReserved = function (properties) {
                    this.cells = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StockReserved reservationId.
                 * @member {string} reservationId
                 * @memberof pallet.events.v1.StockReserved
                 * @instance
                 */
                StockReserved.prototype.reservationId = "";

                /**
                 * StockReserved expiresAtMs.
                 * @member {number} expiresAtMs
                 * @memberof pallet.events.v1.StockReserved
                 * @instance
                 */
                StockReserved.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * StockReserved cells.
                 * @member {Array.<pallet.events.v1.CellChange.$Properties>} cells
                 * @memberof pallet.events.v1.StockReserved
                 * @instance
                 */
                StockReserved.prototype.cells = $util.emptyArray;

                /**
                 * Creates a new StockReserved instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.StockReserved
                 * @static
                 * @param {pallet.events.v1.StockReserved.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.StockReserved} StockReserved instance
                 * @type {{
                 *   (properties: pallet.events.v1.StockReserved.$Shape): pallet.events.v1.StockReserved & pallet.events.v1.StockReserved.$Shape;
                 *   (properties?: pallet.events.v1.StockReserved.$Properties): pallet.events.v1.StockReserved;
                 * }}
                 */
                StockReserved.create = function(properties) {
                    return new StockReserved(properties);
                };

                /**
                 * Encodes the specified StockReserved message. Does not implicitly {@link pallet.events.v1.StockReserved.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.StockReserved
                 * @static
                 * @param {pallet.events.v1.StockReserved.$Properties} message StockReserved message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StockReserved.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId") && message.reservationId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.reservationId);
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs") && (typeof message.expiresAtMs === "object" ? message.expiresAtMs.low || message.expiresAtMs.high : message.expiresAtMs !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.expiresAtMs);
                    if (message.cells != null && message.cells.length)
                        for (let i = 0; i < message.cells.length; ++i)
                            $root.pallet.events.v1.CellChange.encode(message.cells[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StockReserved message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.StockReserved
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockReserved & pallet.events.v1.StockReserved.$Shape} StockReserved
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StockReserved.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.StockReserved();
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
                                    message.reservationId = value;
                                else
                                    delete message.reservationId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.expiresAtMs = value;
                                else
                                    delete message.expiresAtMs;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.cells && message.cells.length))
                                    message.cells = [];
                                message.cells.push($root.pallet.events.v1.CellChange.decode(reader, reader.size(), $undefined, _depth + 1));
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
                 * Creates a StockReserved message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.StockReserved
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.StockReserved} StockReserved
                 */
                StockReserved.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.StockReserved)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.StockReserved: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.StockReserved();
                    if (object.reservationId != null)
                        if (typeof object.reservationId !== "string" || object.reservationId.length)
                            message.reservationId = $String(object.reservationId);
                    if (object.expiresAtMs != null)
                        if (typeof object.expiresAtMs === "object" ? object.expiresAtMs.low || object.expiresAtMs.high : $Number(object.expiresAtMs) !== 0)
                            if ($util.Long)
                                message.expiresAtMs = $util.Long.fromValue(object.expiresAtMs, false);
                            else if (typeof object.expiresAtMs === "string")
                                message.expiresAtMs = $parseInt(object.expiresAtMs, 10);
                            else if (typeof object.expiresAtMs === "number")
                                message.expiresAtMs = object.expiresAtMs;
                            else if (typeof object.expiresAtMs === "object")
                                message.expiresAtMs = new $util.LongBits(object.expiresAtMs.low >>> 0, object.expiresAtMs.high >>> 0).toNumber();
                    if (object.cells) {
                        if (!$Array.isArray(object.cells))
                            throw $TypeError(".pallet.events.v1.StockReserved.cells: array expected");
                        message.cells = $Array(object.cells.length);
                        for (let i = 0; i < object.cells.length; ++i) {
                            if (!$util.isObject(object.cells[i]))
                                throw $TypeError(".pallet.events.v1.StockReserved.cells: object expected");
                            message.cells[i] = $root.pallet.events.v1.CellChange.fromObject(object.cells[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a StockReserved message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.StockReserved
                 * @static
                 * @param {pallet.events.v1.StockReserved} message StockReserved
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                StockReserved.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.cells = [];
                    if (options.defaults) {
                        object.reservationId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.expiresAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.expiresAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId"))
                        object.reservationId = message.reservationId;
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.expiresAtMs = typeof message.expiresAtMs === "number" ? $BigInt(message.expiresAtMs) : $util.Long.fromBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0, false).toBigInt();
                        else if (typeof message.expiresAtMs === "number")
                            object.expiresAtMs = options.longs === $String ? $String(message.expiresAtMs) : message.expiresAtMs;
                        else
                            object.expiresAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.expiresAtMs) : options.longs === $Number ? new $util.LongBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0).toNumber() : message.expiresAtMs;
                    if (message.cells && message.cells.length) {
                        object.cells = $Array(message.cells.length);
                        for (let j = 0; j < message.cells.length; ++j)
                            object.cells[j] = $root.pallet.events.v1.CellChange.toObject(message.cells[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this StockReserved to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.StockReserved
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                StockReserved.prototype.toJSON = function() {
                    return StockReserved.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for StockReserved
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.StockReserved
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StockReserved.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.StockReserved";
                };

                return StockReserved;
            })();

            v1.StockConfirmed = (function() {

                /**
                 * Properties of a StockConfirmed.
                 * @typedef {Object} pallet.events.v1.StockConfirmed.$Properties
                 * @property {string|null} [reservationId] StockConfirmed reservationId
                 * @property {Array.<pallet.events.v1.CellChange.$Properties>|null} [cells] StockConfirmed cells
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StockConfirmed.
                 * @memberof pallet.events.v1
                 * @interface IStockConfirmed
                 * @augments pallet.events.v1.StockConfirmed.$Properties
                 * @deprecated Use pallet.events.v1.StockConfirmed.$Properties instead.
                 */

                /**
                 * Shape of a StockConfirmed.
                 * @typedef {pallet.events.v1.StockConfirmed.$Properties} pallet.events.v1.StockConfirmed.$Shape
                 */

                /**
                 * Constructs a new StockConfirmed.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a StockConfirmed.
                 * @constructor
                 * @param {pallet.events.v1.StockConfirmed.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StockConfirmed = function (properties) {
                    this.cells = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StockConfirmed reservationId.
                 * @member {string} reservationId
                 * @memberof pallet.events.v1.StockConfirmed
                 * @instance
                 */
                StockConfirmed.prototype.reservationId = "";

                /**
                 * StockConfirmed cells.
                 * @member {Array.<pallet.events.v1.CellChange.$Properties>} cells
                 * @memberof pallet.events.v1.StockConfirmed
                 * @instance
                 */
                StockConfirmed.prototype.cells = $util.emptyArray;

                /**
                 * Creates a new StockConfirmed instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.StockConfirmed
                 * @static
                 * @param {pallet.events.v1.StockConfirmed.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.StockConfirmed} StockConfirmed instance
                 * @type {{
                 *   (properties: pallet.events.v1.StockConfirmed.$Shape): pallet.events.v1.StockConfirmed & pallet.events.v1.StockConfirmed.$Shape;
                 *   (properties?: pallet.events.v1.StockConfirmed.$Properties): pallet.events.v1.StockConfirmed;
                 * }}
                 */
                StockConfirmed.create = function(properties) {
                    return new StockConfirmed(properties);
                };

                /**
                 * Encodes the specified StockConfirmed message. Does not implicitly {@link pallet.events.v1.StockConfirmed.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.StockConfirmed
                 * @static
                 * @param {pallet.events.v1.StockConfirmed.$Properties} message StockConfirmed message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StockConfirmed.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId") && message.reservationId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.reservationId);
                    if (message.cells != null && message.cells.length)
                        for (let i = 0; i < message.cells.length; ++i)
                            $root.pallet.events.v1.CellChange.encode(message.cells[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StockConfirmed message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.StockConfirmed
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockConfirmed & pallet.events.v1.StockConfirmed.$Shape} StockConfirmed
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StockConfirmed.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.StockConfirmed();
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
                                    message.reservationId = value;
                                else
                                    delete message.reservationId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.cells && message.cells.length))
                                    message.cells = [];
                                message.cells.push($root.pallet.events.v1.CellChange.decode(reader, reader.size(), $undefined, _depth + 1));
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
                 * Creates a StockConfirmed message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.StockConfirmed
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.StockConfirmed} StockConfirmed
                 */
                StockConfirmed.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.StockConfirmed)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.StockConfirmed: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.StockConfirmed();
                    if (object.reservationId != null)
                        if (typeof object.reservationId !== "string" || object.reservationId.length)
                            message.reservationId = $String(object.reservationId);
                    if (object.cells) {
                        if (!$Array.isArray(object.cells))
                            throw $TypeError(".pallet.events.v1.StockConfirmed.cells: array expected");
                        message.cells = $Array(object.cells.length);
                        for (let i = 0; i < object.cells.length; ++i) {
                            if (!$util.isObject(object.cells[i]))
                                throw $TypeError(".pallet.events.v1.StockConfirmed.cells: object expected");
                            message.cells[i] = $root.pallet.events.v1.CellChange.fromObject(object.cells[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a StockConfirmed message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.StockConfirmed
                 * @static
                 * @param {pallet.events.v1.StockConfirmed} message StockConfirmed
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                StockConfirmed.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.cells = [];
                    if (options.defaults)
                        object.reservationId = "";
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId"))
                        object.reservationId = message.reservationId;
                    if (message.cells && message.cells.length) {
                        object.cells = $Array(message.cells.length);
                        for (let j = 0; j < message.cells.length; ++j)
                            object.cells[j] = $root.pallet.events.v1.CellChange.toObject(message.cells[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this StockConfirmed to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.StockConfirmed
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                StockConfirmed.prototype.toJSON = function() {
                    return StockConfirmed.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for StockConfirmed
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.StockConfirmed
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StockConfirmed.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.StockConfirmed";
                };

                return StockConfirmed;
            })();

            v1.StockReleased = (function() {

                /**
                 * Properties of a StockReleased.
                 * @typedef {Object} pallet.events.v1.StockReleased.$Properties
                 * @property {string|null} [reservationId] StockReleased reservationId
                 * @property {string|null} [fromStatus] StockReleased fromStatus
                 * @property {Array.<pallet.events.v1.CellChange.$Properties>|null} [cells] StockReleased cells
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StockReleased.
                 * @memberof pallet.events.v1
                 * @interface IStockReleased
                 * @augments pallet.events.v1.StockReleased.$Properties
                 * @deprecated Use pallet.events.v1.StockReleased.$Properties instead.
                 */

                /**
                 * Shape of a StockReleased.
                 * @typedef {pallet.events.v1.StockReleased.$Properties} pallet.events.v1.StockReleased.$Shape
                 */

                /**
                 * Constructs a new StockReleased.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a StockReleased.
                 * @constructor
                 * @param {pallet.events.v1.StockReleased.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StockReleased = function (properties) {
                    this.cells = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StockReleased reservationId.
                 * @member {string} reservationId
                 * @memberof pallet.events.v1.StockReleased
                 * @instance
                 */
                StockReleased.prototype.reservationId = "";

                /**
                 * StockReleased fromStatus.
                 * @member {string} fromStatus
                 * @memberof pallet.events.v1.StockReleased
                 * @instance
                 */
                StockReleased.prototype.fromStatus = "";

                /**
                 * StockReleased cells.
                 * @member {Array.<pallet.events.v1.CellChange.$Properties>} cells
                 * @memberof pallet.events.v1.StockReleased
                 * @instance
                 */
                StockReleased.prototype.cells = $util.emptyArray;

                /**
                 * Creates a new StockReleased instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.StockReleased
                 * @static
                 * @param {pallet.events.v1.StockReleased.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.StockReleased} StockReleased instance
                 * @type {{
                 *   (properties: pallet.events.v1.StockReleased.$Shape): pallet.events.v1.StockReleased & pallet.events.v1.StockReleased.$Shape;
                 *   (properties?: pallet.events.v1.StockReleased.$Properties): pallet.events.v1.StockReleased;
                 * }}
                 */
                StockReleased.create = function(properties) {
                    return new StockReleased(properties);
                };

                /**
                 * Encodes the specified StockReleased message. Does not implicitly {@link pallet.events.v1.StockReleased.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.StockReleased
                 * @static
                 * @param {pallet.events.v1.StockReleased.$Properties} message StockReleased message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StockReleased.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId") && message.reservationId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.reservationId);
                    if (message.fromStatus != null && $Object.hasOwnProperty.call(message, "fromStatus") && message.fromStatus !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.fromStatus);
                    if (message.cells != null && message.cells.length)
                        for (let i = 0; i < message.cells.length; ++i)
                            $root.pallet.events.v1.CellChange.encode(message.cells[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StockReleased message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.StockReleased
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockReleased & pallet.events.v1.StockReleased.$Shape} StockReleased
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StockReleased.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.StockReleased();
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
                                    message.reservationId = value;
                                else
                                    delete message.reservationId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.fromStatus = value;
                                else
                                    delete message.fromStatus;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.cells && message.cells.length))
                                    message.cells = [];
                                message.cells.push($root.pallet.events.v1.CellChange.decode(reader, reader.size(), $undefined, _depth + 1));
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
                 * Creates a StockReleased message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.StockReleased
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.StockReleased} StockReleased
                 */
                StockReleased.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.StockReleased)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.StockReleased: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.StockReleased();
                    if (object.reservationId != null)
                        if (typeof object.reservationId !== "string" || object.reservationId.length)
                            message.reservationId = $String(object.reservationId);
                    if (object.fromStatus != null)
                        if (typeof object.fromStatus !== "string" || object.fromStatus.length)
                            message.fromStatus = $String(object.fromStatus);
                    if (object.cells) {
                        if (!$Array.isArray(object.cells))
                            throw $TypeError(".pallet.events.v1.StockReleased.cells: array expected");
                        message.cells = $Array(object.cells.length);
                        for (let i = 0; i < object.cells.length; ++i) {
                            if (!$util.isObject(object.cells[i]))
                                throw $TypeError(".pallet.events.v1.StockReleased.cells: object expected");
                            message.cells[i] = $root.pallet.events.v1.CellChange.fromObject(object.cells[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a StockReleased message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.StockReleased
                 * @static
                 * @param {pallet.events.v1.StockReleased} message StockReleased
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                StockReleased.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.cells = [];
                    if (options.defaults) {
                        object.reservationId = "";
                        object.fromStatus = "";
                    }
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId"))
                        object.reservationId = message.reservationId;
                    if (message.fromStatus != null && $Object.hasOwnProperty.call(message, "fromStatus"))
                        object.fromStatus = message.fromStatus;
                    if (message.cells && message.cells.length) {
                        object.cells = $Array(message.cells.length);
                        for (let j = 0; j < message.cells.length; ++j)
                            object.cells[j] = $root.pallet.events.v1.CellChange.toObject(message.cells[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this StockReleased to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.StockReleased
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                StockReleased.prototype.toJSON = function() {
                    return StockReleased.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for StockReleased
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.StockReleased
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StockReleased.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.StockReleased";
                };

                return StockReleased;
            })();

            v1.StockExpired = (function() {

                /**
                 * Properties of a StockExpired.
                 * @typedef {Object} pallet.events.v1.StockExpired.$Properties
                 * @property {string|null} [reservationId] StockExpired reservationId
                 * @property {Array.<pallet.events.v1.CellChange.$Properties>|null} [cells] StockExpired cells
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StockExpired.
                 * @memberof pallet.events.v1
                 * @interface IStockExpired
                 * @augments pallet.events.v1.StockExpired.$Properties
                 * @deprecated Use pallet.events.v1.StockExpired.$Properties instead.
                 */

                /**
                 * Shape of a StockExpired.
                 * @typedef {pallet.events.v1.StockExpired.$Properties} pallet.events.v1.StockExpired.$Shape
                 */

                /**
                 * Constructs a new StockExpired.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a StockExpired.
                 * @constructor
                 * @param {pallet.events.v1.StockExpired.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StockExpired = function (properties) {
                    this.cells = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StockExpired reservationId.
                 * @member {string} reservationId
                 * @memberof pallet.events.v1.StockExpired
                 * @instance
                 */
                StockExpired.prototype.reservationId = "";

                /**
                 * StockExpired cells.
                 * @member {Array.<pallet.events.v1.CellChange.$Properties>} cells
                 * @memberof pallet.events.v1.StockExpired
                 * @instance
                 */
                StockExpired.prototype.cells = $util.emptyArray;

                /**
                 * Creates a new StockExpired instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.StockExpired
                 * @static
                 * @param {pallet.events.v1.StockExpired.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.StockExpired} StockExpired instance
                 * @type {{
                 *   (properties: pallet.events.v1.StockExpired.$Shape): pallet.events.v1.StockExpired & pallet.events.v1.StockExpired.$Shape;
                 *   (properties?: pallet.events.v1.StockExpired.$Properties): pallet.events.v1.StockExpired;
                 * }}
                 */
                StockExpired.create = function(properties) {
                    return new StockExpired(properties);
                };

                /**
                 * Encodes the specified StockExpired message. Does not implicitly {@link pallet.events.v1.StockExpired.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.StockExpired
                 * @static
                 * @param {pallet.events.v1.StockExpired.$Properties} message StockExpired message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StockExpired.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId") && message.reservationId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.reservationId);
                    if (message.cells != null && message.cells.length)
                        for (let i = 0; i < message.cells.length; ++i)
                            $root.pallet.events.v1.CellChange.encode(message.cells[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StockExpired message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.StockExpired
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockExpired & pallet.events.v1.StockExpired.$Shape} StockExpired
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StockExpired.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.StockExpired();
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
                                    message.reservationId = value;
                                else
                                    delete message.reservationId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.cells && message.cells.length))
                                    message.cells = [];
                                message.cells.push($root.pallet.events.v1.CellChange.decode(reader, reader.size(), $undefined, _depth + 1));
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
                 * Creates a StockExpired message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.StockExpired
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.StockExpired} StockExpired
                 */
                StockExpired.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.StockExpired)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.StockExpired: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.StockExpired();
                    if (object.reservationId != null)
                        if (typeof object.reservationId !== "string" || object.reservationId.length)
                            message.reservationId = $String(object.reservationId);
                    if (object.cells) {
                        if (!$Array.isArray(object.cells))
                            throw $TypeError(".pallet.events.v1.StockExpired.cells: array expected");
                        message.cells = $Array(object.cells.length);
                        for (let i = 0; i < object.cells.length; ++i) {
                            if (!$util.isObject(object.cells[i]))
                                throw $TypeError(".pallet.events.v1.StockExpired.cells: object expected");
                            message.cells[i] = $root.pallet.events.v1.CellChange.fromObject(object.cells[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a StockExpired message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.StockExpired
                 * @static
                 * @param {pallet.events.v1.StockExpired} message StockExpired
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                StockExpired.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.cells = [];
                    if (options.defaults)
                        object.reservationId = "";
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId"))
                        object.reservationId = message.reservationId;
                    if (message.cells && message.cells.length) {
                        object.cells = $Array(message.cells.length);
                        for (let j = 0; j < message.cells.length; ++j)
                            object.cells[j] = $root.pallet.events.v1.CellChange.toObject(message.cells[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this StockExpired to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.StockExpired
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                StockExpired.prototype.toJSON = function() {
                    return StockExpired.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for StockExpired
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.StockExpired
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StockExpired.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.StockExpired";
                };

                return StockExpired;
            })();

            v1.StockFulfilled = (function() {

                /**
                 * Properties of a StockFulfilled.
                 * @typedef {Object} pallet.events.v1.StockFulfilled.$Properties
                 * @property {string|null} [reservationId] StockFulfilled reservationId
                 * @property {Array.<pallet.events.v1.CellChange.$Properties>|null} [cells] StockFulfilled cells
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StockFulfilled.
                 * @memberof pallet.events.v1
                 * @interface IStockFulfilled
                 * @augments pallet.events.v1.StockFulfilled.$Properties
                 * @deprecated Use pallet.events.v1.StockFulfilled.$Properties instead.
                 */

                /**
                 * Shape of a StockFulfilled.
                 * @typedef {pallet.events.v1.StockFulfilled.$Properties} pallet.events.v1.StockFulfilled.$Shape
                 */

                /**
                 * Constructs a new StockFulfilled.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a StockFulfilled.
                 * @constructor
                 * @param {pallet.events.v1.StockFulfilled.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StockFulfilled = function (properties) {
                    this.cells = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StockFulfilled reservationId.
                 * @member {string} reservationId
                 * @memberof pallet.events.v1.StockFulfilled
                 * @instance
                 */
                StockFulfilled.prototype.reservationId = "";

                /**
                 * StockFulfilled cells.
                 * @member {Array.<pallet.events.v1.CellChange.$Properties>} cells
                 * @memberof pallet.events.v1.StockFulfilled
                 * @instance
                 */
                StockFulfilled.prototype.cells = $util.emptyArray;

                /**
                 * Creates a new StockFulfilled instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.StockFulfilled
                 * @static
                 * @param {pallet.events.v1.StockFulfilled.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.StockFulfilled} StockFulfilled instance
                 * @type {{
                 *   (properties: pallet.events.v1.StockFulfilled.$Shape): pallet.events.v1.StockFulfilled & pallet.events.v1.StockFulfilled.$Shape;
                 *   (properties?: pallet.events.v1.StockFulfilled.$Properties): pallet.events.v1.StockFulfilled;
                 * }}
                 */
                StockFulfilled.create = function(properties) {
                    return new StockFulfilled(properties);
                };

                /**
                 * Encodes the specified StockFulfilled message. Does not implicitly {@link pallet.events.v1.StockFulfilled.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.StockFulfilled
                 * @static
                 * @param {pallet.events.v1.StockFulfilled.$Properties} message StockFulfilled message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StockFulfilled.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId") && message.reservationId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.reservationId);
                    if (message.cells != null && message.cells.length)
                        for (let i = 0; i < message.cells.length; ++i)
                            $root.pallet.events.v1.CellChange.encode(message.cells[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StockFulfilled message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.StockFulfilled
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockFulfilled & pallet.events.v1.StockFulfilled.$Shape} StockFulfilled
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StockFulfilled.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.StockFulfilled();
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
                                    message.reservationId = value;
                                else
                                    delete message.reservationId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.cells && message.cells.length))
                                    message.cells = [];
                                message.cells.push($root.pallet.events.v1.CellChange.decode(reader, reader.size(), $undefined, _depth + 1));
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
                 * Creates a StockFulfilled message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.StockFulfilled
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.StockFulfilled} StockFulfilled
                 */
                StockFulfilled.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.StockFulfilled)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.StockFulfilled: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.StockFulfilled();
                    if (object.reservationId != null)
                        if (typeof object.reservationId !== "string" || object.reservationId.length)
                            message.reservationId = $String(object.reservationId);
                    if (object.cells) {
                        if (!$Array.isArray(object.cells))
                            throw $TypeError(".pallet.events.v1.StockFulfilled.cells: array expected");
                        message.cells = $Array(object.cells.length);
                        for (let i = 0; i < object.cells.length; ++i) {
                            if (!$util.isObject(object.cells[i]))
                                throw $TypeError(".pallet.events.v1.StockFulfilled.cells: object expected");
                            message.cells[i] = $root.pallet.events.v1.CellChange.fromObject(object.cells[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a StockFulfilled message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.StockFulfilled
                 * @static
                 * @param {pallet.events.v1.StockFulfilled} message StockFulfilled
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                StockFulfilled.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.cells = [];
                    if (options.defaults)
                        object.reservationId = "";
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId"))
                        object.reservationId = message.reservationId;
                    if (message.cells && message.cells.length) {
                        object.cells = $Array(message.cells.length);
                        for (let j = 0; j < message.cells.length; ++j)
                            object.cells[j] = $root.pallet.events.v1.CellChange.toObject(message.cells[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this StockFulfilled to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.StockFulfilled
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                StockFulfilled.prototype.toJSON = function() {
                    return StockFulfilled.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for StockFulfilled
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.StockFulfilled
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                StockFulfilled.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.StockFulfilled";
                };

                return StockFulfilled;
            })();

            v1.PaymentReceived = (function() {

                /**
                 * Properties of a PaymentReceived.
                 * @typedef {Object} pallet.events.v1.PaymentReceived.$Properties
                 * @property {string|null} [paymentId] PaymentReceived paymentId
                 * @property {string|null} [reservationId] PaymentReceived reservationId
                 * @property {number|null} [amountMinor] PaymentReceived amountMinor
                 * @property {string|null} [currency] PaymentReceived currency
                 * @property {string|null} [status] PaymentReceived status
                 * @property {string|null} [deliveryId] PaymentReceived deliveryId
                 * @property {number|null} [receivedAtMs] PaymentReceived receivedAtMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PaymentReceived.
                 * @memberof pallet.events.v1
                 * @interface IPaymentReceived
                 * @augments pallet.events.v1.PaymentReceived.$Properties
                 * @deprecated Use pallet.events.v1.PaymentReceived.$Properties instead.
                 */

                /**
                 * Shape of a PaymentReceived.
                 * @typedef {pallet.events.v1.PaymentReceived.$Properties} pallet.events.v1.PaymentReceived.$Shape
                 */

                /**
                 * Constructs a new PaymentReceived.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a PaymentReceived.
                 * @constructor
                 * @param {pallet.events.v1.PaymentReceived.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PaymentReceived = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * PaymentReceived paymentId.
                 * @member {string} paymentId
                 * @memberof pallet.events.v1.PaymentReceived
                 * @instance
                 */
                PaymentReceived.prototype.paymentId = "";

                /**
                 * PaymentReceived reservationId.
                 * @member {string} reservationId
                 * @memberof pallet.events.v1.PaymentReceived
                 * @instance
                 */
                PaymentReceived.prototype.reservationId = "";

                /**
                 * PaymentReceived amountMinor.
                 * @member {number} amountMinor
                 * @memberof pallet.events.v1.PaymentReceived
                 * @instance
                 */
                PaymentReceived.prototype.amountMinor = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * PaymentReceived currency.
                 * @member {string} currency
                 * @memberof pallet.events.v1.PaymentReceived
                 * @instance
                 */
                PaymentReceived.prototype.currency = "";

                /**
                 * PaymentReceived status.
                 * @member {string} status
                 * @memberof pallet.events.v1.PaymentReceived
                 * @instance
                 */
                PaymentReceived.prototype.status = "";

                /**
                 * PaymentReceived deliveryId.
                 * @member {string} deliveryId
                 * @memberof pallet.events.v1.PaymentReceived
                 * @instance
                 */
                PaymentReceived.prototype.deliveryId = "";

                /**
                 * PaymentReceived receivedAtMs.
                 * @member {number} receivedAtMs
                 * @memberof pallet.events.v1.PaymentReceived
                 * @instance
                 */
                PaymentReceived.prototype.receivedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new PaymentReceived instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.PaymentReceived
                 * @static
                 * @param {pallet.events.v1.PaymentReceived.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.PaymentReceived} PaymentReceived instance
                 * @type {{
                 *   (properties: pallet.events.v1.PaymentReceived.$Shape): pallet.events.v1.PaymentReceived & pallet.events.v1.PaymentReceived.$Shape;
                 *   (properties?: pallet.events.v1.PaymentReceived.$Properties): pallet.events.v1.PaymentReceived;
                 * }}
                 */
                PaymentReceived.create = function(properties) {
                    return new PaymentReceived(properties);
                };

                /**
                 * Encodes the specified PaymentReceived message. Does not implicitly {@link pallet.events.v1.PaymentReceived.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.PaymentReceived
                 * @static
                 * @param {pallet.events.v1.PaymentReceived.$Properties} message PaymentReceived message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PaymentReceived.encode = function (message, writer, _depth) {
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
                    if (message.amountMinor != null && $Object.hasOwnProperty.call(message, "amountMinor") && (typeof message.amountMinor === "object" ? message.amountMinor.low || message.amountMinor.high : message.amountMinor !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.amountMinor);
                    if (message.currency != null && $Object.hasOwnProperty.call(message, "currency") && message.currency !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.currency);
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.status);
                    if (message.deliveryId != null && $Object.hasOwnProperty.call(message, "deliveryId") && message.deliveryId !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.deliveryId);
                    if (message.receivedAtMs != null && $Object.hasOwnProperty.call(message, "receivedAtMs") && (typeof message.receivedAtMs === "object" ? message.receivedAtMs.low || message.receivedAtMs.high : message.receivedAtMs !== 0))
                        writer.uint32(/* id 7, wireType 0 =*/56).int64(message.receivedAtMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a PaymentReceived message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.PaymentReceived
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.PaymentReceived & pallet.events.v1.PaymentReceived.$Shape} PaymentReceived
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PaymentReceived.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.PaymentReceived();
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
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.amountMinor = value;
                                else
                                    delete message.amountMinor;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.currency = value;
                                else
                                    delete message.currency;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.deliveryId = value;
                                else
                                    delete message.deliveryId;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.receivedAtMs = value;
                                else
                                    delete message.receivedAtMs;
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
                 * Creates a PaymentReceived message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.PaymentReceived
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.PaymentReceived} PaymentReceived
                 */
                PaymentReceived.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.PaymentReceived)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.PaymentReceived: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.PaymentReceived();
                    if (object.paymentId != null)
                        if (typeof object.paymentId !== "string" || object.paymentId.length)
                            message.paymentId = $String(object.paymentId);
                    if (object.reservationId != null)
                        if (typeof object.reservationId !== "string" || object.reservationId.length)
                            message.reservationId = $String(object.reservationId);
                    if (object.amountMinor != null)
                        if (typeof object.amountMinor === "object" ? object.amountMinor.low || object.amountMinor.high : $Number(object.amountMinor) !== 0)
                            if ($util.Long)
                                message.amountMinor = $util.Long.fromValue(object.amountMinor, false);
                            else if (typeof object.amountMinor === "string")
                                message.amountMinor = $parseInt(object.amountMinor, 10);
                            else if (typeof object.amountMinor === "number")
                                message.amountMinor = object.amountMinor;
                            else if (typeof object.amountMinor === "object")
                                message.amountMinor = new $util.LongBits(object.amountMinor.low >>> 0, object.amountMinor.high >>> 0).toNumber();
                    if (object.currency != null)
                        if (typeof object.currency !== "string" || object.currency.length)
                            message.currency = $String(object.currency);
                    if (object.status != null)
                        if (typeof object.status !== "string" || object.status.length)
                            message.status = $String(object.status);
                    if (object.deliveryId != null)
                        if (typeof object.deliveryId !== "string" || object.deliveryId.length)
                            message.deliveryId = $String(object.deliveryId);
                    if (object.receivedAtMs != null)
                        if (typeof object.receivedAtMs === "object" ? object.receivedAtMs.low || object.receivedAtMs.high : $Number(object.receivedAtMs) !== 0)
                            if ($util.Long)
                                message.receivedAtMs = $util.Long.fromValue(object.receivedAtMs, false);
                            else if (typeof object.receivedAtMs === "string")
                                message.receivedAtMs = $parseInt(object.receivedAtMs, 10);
                            else if (typeof object.receivedAtMs === "number")
                                message.receivedAtMs = object.receivedAtMs;
                            else if (typeof object.receivedAtMs === "object")
                                message.receivedAtMs = new $util.LongBits(object.receivedAtMs.low >>> 0, object.receivedAtMs.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from a PaymentReceived message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.PaymentReceived
                 * @static
                 * @param {pallet.events.v1.PaymentReceived} message PaymentReceived
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                PaymentReceived.toObject = function (message, options, _depth) {
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
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.amountMinor = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.amountMinor = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.currency = "";
                        object.status = "";
                        object.deliveryId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.receivedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.receivedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.paymentId != null && $Object.hasOwnProperty.call(message, "paymentId"))
                        object.paymentId = message.paymentId;
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId"))
                        object.reservationId = message.reservationId;
                    if (message.amountMinor != null && $Object.hasOwnProperty.call(message, "amountMinor"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.amountMinor = typeof message.amountMinor === "number" ? $BigInt(message.amountMinor) : $util.Long.fromBits(message.amountMinor.low >>> 0, message.amountMinor.high >>> 0, false).toBigInt();
                        else if (typeof message.amountMinor === "number")
                            object.amountMinor = options.longs === $String ? $String(message.amountMinor) : message.amountMinor;
                        else
                            object.amountMinor = options.longs === $String ? $util.Long.prototype.toString.call(message.amountMinor) : options.longs === $Number ? new $util.LongBits(message.amountMinor.low >>> 0, message.amountMinor.high >>> 0).toNumber() : message.amountMinor;
                    if (message.currency != null && $Object.hasOwnProperty.call(message, "currency"))
                        object.currency = message.currency;
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                        object.status = message.status;
                    if (message.deliveryId != null && $Object.hasOwnProperty.call(message, "deliveryId"))
                        object.deliveryId = message.deliveryId;
                    if (message.receivedAtMs != null && $Object.hasOwnProperty.call(message, "receivedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.receivedAtMs = typeof message.receivedAtMs === "number" ? $BigInt(message.receivedAtMs) : $util.Long.fromBits(message.receivedAtMs.low >>> 0, message.receivedAtMs.high >>> 0, false).toBigInt();
                        else if (typeof message.receivedAtMs === "number")
                            object.receivedAtMs = options.longs === $String ? $String(message.receivedAtMs) : message.receivedAtMs;
                        else
                            object.receivedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.receivedAtMs) : options.longs === $Number ? new $util.LongBits(message.receivedAtMs.low >>> 0, message.receivedAtMs.high >>> 0).toNumber() : message.receivedAtMs;
                    return object;
                };

                /**
                 * Converts this PaymentReceived to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.PaymentReceived
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                PaymentReceived.prototype.toJSON = function() {
                    return PaymentReceived.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for PaymentReceived
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.PaymentReceived
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PaymentReceived.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.PaymentReceived";
                };

                return PaymentReceived;
            })();

            v1.PaymentOrphaned = (function() {

                /**
                 * Properties of a PaymentOrphaned.
                 * @typedef {Object} pallet.events.v1.PaymentOrphaned.$Properties
                 * @property {string|null} [paymentId] PaymentOrphaned paymentId
                 * @property {string|null} [reservationId] PaymentOrphaned reservationId
                 * @property {string|null} [reason] PaymentOrphaned reason
                 * @property {string|null} [resolution] PaymentOrphaned resolution
                 * @property {string|null} [newReservationId] PaymentOrphaned newReservationId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PaymentOrphaned.
                 * @memberof pallet.events.v1
                 * @interface IPaymentOrphaned
                 * @augments pallet.events.v1.PaymentOrphaned.$Properties
                 * @deprecated Use pallet.events.v1.PaymentOrphaned.$Properties instead.
                 */

                /**
                 * Shape of a PaymentOrphaned.
                 * @typedef {pallet.events.v1.PaymentOrphaned.$Properties} pallet.events.v1.PaymentOrphaned.$Shape
                 */

                /**
                 * Constructs a new PaymentOrphaned.
                 * @memberof pallet.events.v1
                 * @classdesc Represents a PaymentOrphaned.
                 * @constructor
                 * @param {pallet.events.v1.PaymentOrphaned.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PaymentOrphaned = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * PaymentOrphaned paymentId.
                 * @member {string} paymentId
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @instance
                 */
                PaymentOrphaned.prototype.paymentId = "";

                /**
                 * PaymentOrphaned reservationId.
                 * @member {string} reservationId
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @instance
                 */
                PaymentOrphaned.prototype.reservationId = "";

                /**
                 * PaymentOrphaned reason.
                 * @member {string} reason
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @instance
                 */
                PaymentOrphaned.prototype.reason = "";

                /**
                 * PaymentOrphaned resolution.
                 * @member {string} resolution
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @instance
                 */
                PaymentOrphaned.prototype.resolution = "";

                /**
                 * PaymentOrphaned newReservationId.
                 * @member {string} newReservationId
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @instance
                 */
                PaymentOrphaned.prototype.newReservationId = "";

                /**
                 * Creates a new PaymentOrphaned instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @static
                 * @param {pallet.events.v1.PaymentOrphaned.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.PaymentOrphaned} PaymentOrphaned instance
                 * @type {{
                 *   (properties: pallet.events.v1.PaymentOrphaned.$Shape): pallet.events.v1.PaymentOrphaned & pallet.events.v1.PaymentOrphaned.$Shape;
                 *   (properties?: pallet.events.v1.PaymentOrphaned.$Properties): pallet.events.v1.PaymentOrphaned;
                 * }}
                 */
                PaymentOrphaned.create = function(properties) {
                    return new PaymentOrphaned(properties);
                };

                /**
                 * Encodes the specified PaymentOrphaned message. Does not implicitly {@link pallet.events.v1.PaymentOrphaned.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @static
                 * @param {pallet.events.v1.PaymentOrphaned.$Properties} message PaymentOrphaned message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PaymentOrphaned.encode = function (message, writer, _depth) {
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
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a PaymentOrphaned message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.PaymentOrphaned & pallet.events.v1.PaymentOrphaned.$Shape} PaymentOrphaned
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PaymentOrphaned.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.PaymentOrphaned();
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
                 * Creates a PaymentOrphaned message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.PaymentOrphaned} PaymentOrphaned
                 */
                PaymentOrphaned.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.PaymentOrphaned)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.PaymentOrphaned: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.PaymentOrphaned();
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
                    return message;
                };

                /**
                 * Creates a plain object from a PaymentOrphaned message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @static
                 * @param {pallet.events.v1.PaymentOrphaned} message PaymentOrphaned
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                PaymentOrphaned.toObject = function (message, options, _depth) {
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
                    return object;
                };

                /**
                 * Converts this PaymentOrphaned to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                PaymentOrphaned.prototype.toJSON = function() {
                    return PaymentOrphaned.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for PaymentOrphaned
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.PaymentOrphaned
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                PaymentOrphaned.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.PaymentOrphaned";
                };

                return PaymentOrphaned;
            })();

            v1.OrderHold = (function() {

                /**
                 * Properties of an OrderHold.
                 * @typedef {Object} pallet.events.v1.OrderHold.$Properties
                 * @property {string|null} [rule] OrderHold rule
                 * @property {string|null} [detail] OrderHold detail
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an OrderHold.
                 * @memberof pallet.events.v1
                 * @interface IOrderHold
                 * @augments pallet.events.v1.OrderHold.$Properties
                 * @deprecated Use pallet.events.v1.OrderHold.$Properties instead.
                 */

                /**
                 * Shape of an OrderHold.
                 * @typedef {pallet.events.v1.OrderHold.$Properties} pallet.events.v1.OrderHold.$Shape
                 */

                /**
                 * Constructs a new OrderHold.
                 * @memberof pallet.events.v1
                 * @classdesc Represents an OrderHold.
                 * @constructor
                 * @param {pallet.events.v1.OrderHold.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const OrderHold = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * OrderHold rule.
                 * @member {string} rule
                 * @memberof pallet.events.v1.OrderHold
                 * @instance
                 */
                OrderHold.prototype.rule = "";

                /**
                 * OrderHold detail.
                 * @member {string} detail
                 * @memberof pallet.events.v1.OrderHold
                 * @instance
                 */
                OrderHold.prototype.detail = "";

                /**
                 * Creates a new OrderHold instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.OrderHold
                 * @static
                 * @param {pallet.events.v1.OrderHold.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.OrderHold} OrderHold instance
                 * @type {{
                 *   (properties: pallet.events.v1.OrderHold.$Shape): pallet.events.v1.OrderHold & pallet.events.v1.OrderHold.$Shape;
                 *   (properties?: pallet.events.v1.OrderHold.$Properties): pallet.events.v1.OrderHold;
                 * }}
                 */
                OrderHold.create = function(properties) {
                    return new OrderHold(properties);
                };

                /**
                 * Encodes the specified OrderHold message. Does not implicitly {@link pallet.events.v1.OrderHold.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.OrderHold
                 * @static
                 * @param {pallet.events.v1.OrderHold.$Properties} message OrderHold message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderHold.encode = function (message, writer, _depth) {
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
                 * Decodes an OrderHold message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.OrderHold
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.OrderHold & pallet.events.v1.OrderHold.$Shape} OrderHold
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderHold.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.OrderHold();
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
                 * Creates an OrderHold message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.OrderHold
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.OrderHold} OrderHold
                 */
                OrderHold.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.OrderHold)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.OrderHold: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.OrderHold();
                    if (object.rule != null)
                        if (typeof object.rule !== "string" || object.rule.length)
                            message.rule = $String(object.rule);
                    if (object.detail != null)
                        if (typeof object.detail !== "string" || object.detail.length)
                            message.detail = $String(object.detail);
                    return message;
                };

                /**
                 * Creates a plain object from an OrderHold message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.OrderHold
                 * @static
                 * @param {pallet.events.v1.OrderHold} message OrderHold
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                OrderHold.toObject = function (message, options, _depth) {
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
                 * Converts this OrderHold to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.OrderHold
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                OrderHold.prototype.toJSON = function() {
                    return OrderHold.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for OrderHold
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.OrderHold
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                OrderHold.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.OrderHold";
                };

                return OrderHold;
            })();

            v1.OrderChanged = (function() {

                /**
                 * Properties of an OrderChanged.
                 * @typedef {Object} pallet.events.v1.OrderChanged.$Properties
                 * @property {string|null} [orderId] OrderChanged orderId
                 * @property {string|null} [channel] OrderChanged channel
                 * @property {string|null} [externalId] OrderChanged externalId
                 * @property {string|null} [status] OrderChanged status
                 * @property {string|null} [previousStatus] OrderChanged previousStatus
                 * @property {number|null} [version] OrderChanged version
                 * @property {string|null} [action] OrderChanged action
                 * @property {string|null} [currency] OrderChanged currency
                 * @property {number|null} [totalMinor] OrderChanged totalMinor
                 * @property {Array.<pallet.events.v1.OrderHold.$Properties>|null} [holds] OrderChanged holds
                 * @property {number|null} [placedAtMs] OrderChanged placedAtMs
                 * @property {number|null} [paidAtMs] OrderChanged paidAtMs
                 * @property {string|null} [reservationId] OrderChanged reservationId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an OrderChanged.
                 * @memberof pallet.events.v1
                 * @interface IOrderChanged
                 * @augments pallet.events.v1.OrderChanged.$Properties
                 * @deprecated Use pallet.events.v1.OrderChanged.$Properties instead.
                 */

                /**
                 * Shape of an OrderChanged.
                 * @typedef {pallet.events.v1.OrderChanged.$Properties} pallet.events.v1.OrderChanged.$Shape
                 */

                /**
                 * Constructs a new OrderChanged.
                 * @memberof pallet.events.v1
                 * @classdesc Represents an OrderChanged.
                 * @constructor
                 * @param {pallet.events.v1.OrderChanged.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const OrderChanged = function (properties) {
                    this.holds = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * OrderChanged orderId.
                 * @member {string} orderId
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.orderId = "";

                /**
                 * OrderChanged channel.
                 * @member {string} channel
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.channel = "";

                /**
                 * OrderChanged externalId.
                 * @member {string} externalId
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.externalId = "";

                /**
                 * OrderChanged status.
                 * @member {string} status
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.status = "";

                /**
                 * OrderChanged previousStatus.
                 * @member {string} previousStatus
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.previousStatus = "";

                /**
                 * OrderChanged version.
                 * @member {number} version
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.version = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderChanged action.
                 * @member {string} action
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.action = "";

                /**
                 * OrderChanged currency.
                 * @member {string} currency
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.currency = "";

                /**
                 * OrderChanged totalMinor.
                 * @member {number} totalMinor
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.totalMinor = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderChanged holds.
                 * @member {Array.<pallet.events.v1.OrderHold.$Properties>} holds
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.holds = $util.emptyArray;

                /**
                 * OrderChanged placedAtMs.
                 * @member {number} placedAtMs
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.placedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderChanged paidAtMs.
                 * @member {number} paidAtMs
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.paidAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * OrderChanged reservationId.
                 * @member {string} reservationId
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 */
                OrderChanged.prototype.reservationId = "";

                /**
                 * Creates a new OrderChanged instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.OrderChanged
                 * @static
                 * @param {pallet.events.v1.OrderChanged.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.OrderChanged} OrderChanged instance
                 * @type {{
                 *   (properties: pallet.events.v1.OrderChanged.$Shape): pallet.events.v1.OrderChanged & pallet.events.v1.OrderChanged.$Shape;
                 *   (properties?: pallet.events.v1.OrderChanged.$Properties): pallet.events.v1.OrderChanged;
                 * }}
                 */
                OrderChanged.create = function(properties) {
                    return new OrderChanged(properties);
                };

                /**
                 * Encodes the specified OrderChanged message. Does not implicitly {@link pallet.events.v1.OrderChanged.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.OrderChanged
                 * @static
                 * @param {pallet.events.v1.OrderChanged.$Properties} message OrderChanged message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderChanged.encode = function (message, writer, _depth) {
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
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.status);
                    if (message.previousStatus != null && $Object.hasOwnProperty.call(message, "previousStatus") && message.previousStatus !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.previousStatus);
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).int64(message.version);
                    if (message.action != null && $Object.hasOwnProperty.call(message, "action") && message.action !== "")
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.action);
                    if (message.currency != null && $Object.hasOwnProperty.call(message, "currency") && message.currency !== "")
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.currency);
                    if (message.totalMinor != null && $Object.hasOwnProperty.call(message, "totalMinor") && (typeof message.totalMinor === "object" ? message.totalMinor.low || message.totalMinor.high : message.totalMinor !== 0))
                        writer.uint32(/* id 9, wireType 0 =*/72).int64(message.totalMinor);
                    if (message.holds != null && message.holds.length)
                        for (let i = 0; i < message.holds.length; ++i)
                            $root.pallet.events.v1.OrderHold.encode(message.holds[i], writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                    if (message.placedAtMs != null && $Object.hasOwnProperty.call(message, "placedAtMs") && (typeof message.placedAtMs === "object" ? message.placedAtMs.low || message.placedAtMs.high : message.placedAtMs !== 0))
                        writer.uint32(/* id 11, wireType 0 =*/88).int64(message.placedAtMs);
                    if (message.paidAtMs != null && $Object.hasOwnProperty.call(message, "paidAtMs") && (typeof message.paidAtMs === "object" ? message.paidAtMs.low || message.paidAtMs.high : message.paidAtMs !== 0))
                        writer.uint32(/* id 12, wireType 0 =*/96).int64(message.paidAtMs);
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId") && message.reservationId !== "")
                        writer.uint32(/* id 13, wireType 2 =*/106).string(message.reservationId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an OrderChanged message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.OrderChanged
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.OrderChanged & pallet.events.v1.OrderChanged.$Shape} OrderChanged
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderChanged.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.OrderChanged();
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
                                if ((value = reader.stringVerify()).length)
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.previousStatus = value;
                                else
                                    delete message.previousStatus;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.action = value;
                                else
                                    delete message.action;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.currency = value;
                                else
                                    delete message.currency;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.totalMinor = value;
                                else
                                    delete message.totalMinor;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.holds && message.holds.length))
                                    message.holds = [];
                                message.holds.push($root.pallet.events.v1.OrderHold.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 11: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.placedAtMs = value;
                                else
                                    delete message.placedAtMs;
                                continue;
                            }
                        case 12: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.paidAtMs = value;
                                else
                                    delete message.paidAtMs;
                                continue;
                            }
                        case 13: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.reservationId = value;
                                else
                                    delete message.reservationId;
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
                 * Creates an OrderChanged message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.OrderChanged
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.OrderChanged} OrderChanged
                 */
                OrderChanged.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.OrderChanged)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.OrderChanged: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.OrderChanged();
                    if (object.orderId != null)
                        if (typeof object.orderId !== "string" || object.orderId.length)
                            message.orderId = $String(object.orderId);
                    if (object.channel != null)
                        if (typeof object.channel !== "string" || object.channel.length)
                            message.channel = $String(object.channel);
                    if (object.externalId != null)
                        if (typeof object.externalId !== "string" || object.externalId.length)
                            message.externalId = $String(object.externalId);
                    if (object.status != null)
                        if (typeof object.status !== "string" || object.status.length)
                            message.status = $String(object.status);
                    if (object.previousStatus != null)
                        if (typeof object.previousStatus !== "string" || object.previousStatus.length)
                            message.previousStatus = $String(object.previousStatus);
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
                    if (object.action != null)
                        if (typeof object.action !== "string" || object.action.length)
                            message.action = $String(object.action);
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
                    if (object.holds) {
                        if (!$Array.isArray(object.holds))
                            throw $TypeError(".pallet.events.v1.OrderChanged.holds: array expected");
                        message.holds = $Array(object.holds.length);
                        for (let i = 0; i < object.holds.length; ++i) {
                            if (!$util.isObject(object.holds[i]))
                                throw $TypeError(".pallet.events.v1.OrderChanged.holds: object expected");
                            message.holds[i] = $root.pallet.events.v1.OrderHold.fromObject(object.holds[i], _depth + 1);
                        }
                    }
                    if (object.placedAtMs != null)
                        if (typeof object.placedAtMs === "object" ? object.placedAtMs.low || object.placedAtMs.high : $Number(object.placedAtMs) !== 0)
                            if ($util.Long)
                                message.placedAtMs = $util.Long.fromValue(object.placedAtMs, false);
                            else if (typeof object.placedAtMs === "string")
                                message.placedAtMs = $parseInt(object.placedAtMs, 10);
                            else if (typeof object.placedAtMs === "number")
                                message.placedAtMs = object.placedAtMs;
                            else if (typeof object.placedAtMs === "object")
                                message.placedAtMs = new $util.LongBits(object.placedAtMs.low >>> 0, object.placedAtMs.high >>> 0).toNumber();
                    if (object.paidAtMs != null)
                        if (typeof object.paidAtMs === "object" ? object.paidAtMs.low || object.paidAtMs.high : $Number(object.paidAtMs) !== 0)
                            if ($util.Long)
                                message.paidAtMs = $util.Long.fromValue(object.paidAtMs, false);
                            else if (typeof object.paidAtMs === "string")
                                message.paidAtMs = $parseInt(object.paidAtMs, 10);
                            else if (typeof object.paidAtMs === "number")
                                message.paidAtMs = object.paidAtMs;
                            else if (typeof object.paidAtMs === "object")
                                message.paidAtMs = new $util.LongBits(object.paidAtMs.low >>> 0, object.paidAtMs.high >>> 0).toNumber();
                    if (object.reservationId != null)
                        if (typeof object.reservationId !== "string" || object.reservationId.length)
                            message.reservationId = $String(object.reservationId);
                    return message;
                };

                /**
                 * Creates a plain object from an OrderChanged message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.OrderChanged
                 * @static
                 * @param {pallet.events.v1.OrderChanged} message OrderChanged
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                OrderChanged.toObject = function (message, options, _depth) {
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
                        object.status = "";
                        object.previousStatus = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.action = "";
                        object.currency = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.totalMinor = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.totalMinor = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.placedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.placedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.paidAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.paidAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.reservationId = "";
                    }
                    if (message.orderId != null && $Object.hasOwnProperty.call(message, "orderId"))
                        object.orderId = message.orderId;
                    if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                        object.channel = message.channel;
                    if (message.externalId != null && $Object.hasOwnProperty.call(message, "externalId"))
                        object.externalId = message.externalId;
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                        object.status = message.status;
                    if (message.previousStatus != null && $Object.hasOwnProperty.call(message, "previousStatus"))
                        object.previousStatus = message.previousStatus;
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, false).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber() : message.version;
                    if (message.action != null && $Object.hasOwnProperty.call(message, "action"))
                        object.action = message.action;
                    if (message.currency != null && $Object.hasOwnProperty.call(message, "currency"))
                        object.currency = message.currency;
                    if (message.totalMinor != null && $Object.hasOwnProperty.call(message, "totalMinor"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.totalMinor = typeof message.totalMinor === "number" ? $BigInt(message.totalMinor) : $util.Long.fromBits(message.totalMinor.low >>> 0, message.totalMinor.high >>> 0, false).toBigInt();
                        else if (typeof message.totalMinor === "number")
                            object.totalMinor = options.longs === $String ? $String(message.totalMinor) : message.totalMinor;
                        else
                            object.totalMinor = options.longs === $String ? $util.Long.prototype.toString.call(message.totalMinor) : options.longs === $Number ? new $util.LongBits(message.totalMinor.low >>> 0, message.totalMinor.high >>> 0).toNumber() : message.totalMinor;
                    if (message.holds && message.holds.length) {
                        object.holds = $Array(message.holds.length);
                        for (let j = 0; j < message.holds.length; ++j)
                            object.holds[j] = $root.pallet.events.v1.OrderHold.toObject(message.holds[j], options, _depth + 1);
                    }
                    if (message.placedAtMs != null && $Object.hasOwnProperty.call(message, "placedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.placedAtMs = typeof message.placedAtMs === "number" ? $BigInt(message.placedAtMs) : $util.Long.fromBits(message.placedAtMs.low >>> 0, message.placedAtMs.high >>> 0, false).toBigInt();
                        else if (typeof message.placedAtMs === "number")
                            object.placedAtMs = options.longs === $String ? $String(message.placedAtMs) : message.placedAtMs;
                        else
                            object.placedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.placedAtMs) : options.longs === $Number ? new $util.LongBits(message.placedAtMs.low >>> 0, message.placedAtMs.high >>> 0).toNumber() : message.placedAtMs;
                    if (message.paidAtMs != null && $Object.hasOwnProperty.call(message, "paidAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.paidAtMs = typeof message.paidAtMs === "number" ? $BigInt(message.paidAtMs) : $util.Long.fromBits(message.paidAtMs.low >>> 0, message.paidAtMs.high >>> 0, false).toBigInt();
                        else if (typeof message.paidAtMs === "number")
                            object.paidAtMs = options.longs === $String ? $String(message.paidAtMs) : message.paidAtMs;
                        else
                            object.paidAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.paidAtMs) : options.longs === $Number ? new $util.LongBits(message.paidAtMs.low >>> 0, message.paidAtMs.high >>> 0).toNumber() : message.paidAtMs;
                    if (message.reservationId != null && $Object.hasOwnProperty.call(message, "reservationId"))
                        object.reservationId = message.reservationId;
                    return object;
                };

                /**
                 * Converts this OrderChanged to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.OrderChanged
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                OrderChanged.prototype.toJSON = function() {
                    return OrderChanged.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for OrderChanged
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.OrderChanged
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                OrderChanged.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.OrderChanged";
                };

                return OrderChanged;
            })();

            v1.Envelope = (function() {

                /**
                 * Properties of an Envelope.
                 * @typedef {Object} pallet.events.v1.Envelope.$Properties
                 * @property {string|null} [eventId] Envelope eventId
                 * @property {string|null} [tenant] Envelope tenant
                 * @property {string|null} [type] Envelope type
                 * @property {string|null} [aggregateId] Envelope aggregateId
                 * @property {number|null} [sequence] Envelope sequence
                 * @property {number|null} [occurredAtMs] Envelope occurredAtMs
                 * @property {string|null} [causationId] Envelope causationId
                 * @property {string|null} [correlationId] Envelope correlationId
                 * @property {string|null} [outboxId] Envelope outboxId
                 * @property {pallet.events.v1.StockSet.$Properties|null} [stockSet] Envelope stockSet
                 * @property {pallet.events.v1.StockAdjusted.$Properties|null} [stockAdjusted] Envelope stockAdjusted
                 * @property {pallet.events.v1.StockReserved.$Properties|null} [stockReserved] Envelope stockReserved
                 * @property {pallet.events.v1.StockConfirmed.$Properties|null} [stockConfirmed] Envelope stockConfirmed
                 * @property {pallet.events.v1.StockReleased.$Properties|null} [stockReleased] Envelope stockReleased
                 * @property {pallet.events.v1.StockExpired.$Properties|null} [stockExpired] Envelope stockExpired
                 * @property {pallet.events.v1.StockFulfilled.$Properties|null} [stockFulfilled] Envelope stockFulfilled
                 * @property {pallet.events.v1.PaymentReceived.$Properties|null} [paymentReceived] Envelope paymentReceived
                 * @property {pallet.events.v1.PaymentOrphaned.$Properties|null} [paymentOrphaned] Envelope paymentOrphaned
                 * @property {pallet.events.v1.OrderChanged.$Properties|null} [orderChanged] Envelope orderChanged
                 * @property {"stockSet"|"stockAdjusted"|"stockReserved"|"stockConfirmed"|"stockReleased"|"stockExpired"|"stockFulfilled"|"paymentReceived"|"paymentOrphaned"|"orderChanged"} [payload] Envelope payload
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Envelope.
                 * @memberof pallet.events.v1
                 * @interface IEnvelope
                 * @augments pallet.events.v1.Envelope.$Properties
                 * @deprecated Use pallet.events.v1.Envelope.$Properties instead.
                 */

                /**
                 * Narrowed shape of an Envelope.
                 * @typedef {{
                 *   eventId?: string|null;
                 *   tenant?: string|null;
                 *   type?: string|null;
                 *   aggregateId?: string|null;
                 *   sequence?: number|null;
                 *   occurredAtMs?: number|null;
                 *   causationId?: string|null;
                 *   correlationId?: string|null;
                 *   outboxId?: string|null;
                 *   stockSet?: pallet.events.v1.StockSet.$Shape|null;
                 *   stockAdjusted?: pallet.events.v1.StockAdjusted.$Shape|null;
                 *   stockReserved?: pallet.events.v1.StockReserved.$Shape|null;
                 *   stockConfirmed?: pallet.events.v1.StockConfirmed.$Shape|null;
                 *   stockReleased?: pallet.events.v1.StockReleased.$Shape|null;
                 *   stockExpired?: pallet.events.v1.StockExpired.$Shape|null;
                 *   stockFulfilled?: pallet.events.v1.StockFulfilled.$Shape|null;
                 *   paymentReceived?: pallet.events.v1.PaymentReceived.$Shape|null;
                 *   paymentOrphaned?: pallet.events.v1.PaymentOrphaned.$Shape|null;
                 *   orderChanged?: pallet.events.v1.OrderChanged.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ payload?: undefined; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockSet"; stockSet: pallet.events.v1.StockSet.$Shape; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockAdjusted"; stockSet?: null; stockAdjusted: pallet.events.v1.StockAdjusted.$Shape; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockReserved"; stockSet?: null; stockAdjusted?: null; stockReserved: pallet.events.v1.StockReserved.$Shape; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockConfirmed"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed: pallet.events.v1.StockConfirmed.$Shape; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockReleased"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased: pallet.events.v1.StockReleased.$Shape; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockExpired"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired: pallet.events.v1.StockExpired.$Shape; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockFulfilled"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled: pallet.events.v1.StockFulfilled.$Shape; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "paymentReceived"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived: pallet.events.v1.PaymentReceived.$Shape; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "paymentOrphaned"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned: pallet.events.v1.PaymentOrphaned.$Shape; orderChanged?: null }|{ payload?: "orderChanged"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged: pallet.events.v1.OrderChanged.$Shape })
                 * )} pallet.events.v1.Envelope.$Shape
                 */

                /**
                 * Constructs a new Envelope.
                 * @memberof pallet.events.v1
                 * @classdesc Represents an Envelope.
                 * @constructor
                 * @param {pallet.events.v1.Envelope.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Envelope = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Envelope eventId.
                 * @member {string} eventId
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.eventId = "";

                /**
                 * Envelope tenant.
                 * @member {string} tenant
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.tenant = "";

                /**
                 * Envelope type.
                 * @member {string} type
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.type = "";

                /**
                 * Envelope aggregateId.
                 * @member {string} aggregateId
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.aggregateId = "";

                /**
                 * Envelope sequence.
                 * @member {number} sequence
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.sequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Envelope occurredAtMs.
                 * @member {number} occurredAtMs
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.occurredAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Envelope causationId.
                 * @member {string} causationId
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.causationId = "";

                /**
                 * Envelope correlationId.
                 * @member {string} correlationId
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.correlationId = "";

                /**
                 * Envelope outboxId.
                 * @member {string} outboxId
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.outboxId = "";

                /**
                 * Envelope stockSet.
                 * @member {pallet.events.v1.StockSet.$Properties|null|undefined} stockSet
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.stockSet = null;

                /**
                 * Envelope stockAdjusted.
                 * @member {pallet.events.v1.StockAdjusted.$Properties|null|undefined} stockAdjusted
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.stockAdjusted = null;

                /**
                 * Envelope stockReserved.
                 * @member {pallet.events.v1.StockReserved.$Properties|null|undefined} stockReserved
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.stockReserved = null;

                /**
                 * Envelope stockConfirmed.
                 * @member {pallet.events.v1.StockConfirmed.$Properties|null|undefined} stockConfirmed
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.stockConfirmed = null;

                /**
                 * Envelope stockReleased.
                 * @member {pallet.events.v1.StockReleased.$Properties|null|undefined} stockReleased
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.stockReleased = null;

                /**
                 * Envelope stockExpired.
                 * @member {pallet.events.v1.StockExpired.$Properties|null|undefined} stockExpired
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.stockExpired = null;

                /**
                 * Envelope stockFulfilled.
                 * @member {pallet.events.v1.StockFulfilled.$Properties|null|undefined} stockFulfilled
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.stockFulfilled = null;

                /**
                 * Envelope paymentReceived.
                 * @member {pallet.events.v1.PaymentReceived.$Properties|null|undefined} paymentReceived
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.paymentReceived = null;

                /**
                 * Envelope paymentOrphaned.
                 * @member {pallet.events.v1.PaymentOrphaned.$Properties|null|undefined} paymentOrphaned
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.paymentOrphaned = null;

                /**
                 * Envelope orderChanged.
                 * @member {pallet.events.v1.OrderChanged.$Properties|null|undefined} orderChanged
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.orderChanged = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * Envelope payload.
                 * @member {"stockSet"|"stockAdjusted"|"stockReserved"|"stockConfirmed"|"stockReleased"|"stockExpired"|"stockFulfilled"|"paymentReceived"|"paymentOrphaned"|"orderChanged"|undefined} payload
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 */
                $Object.defineProperty(Envelope.prototype, "payload", {
                    get: $util.oneOfGetter($oneOfFields = ["stockSet", "stockAdjusted", "stockReserved", "stockConfirmed", "stockReleased", "stockExpired", "stockFulfilled", "paymentReceived", "paymentOrphaned", "orderChanged"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new Envelope instance using the specified properties.
                 * @function create
                 * @memberof pallet.events.v1.Envelope
                 * @static
                 * @param {pallet.events.v1.Envelope.$Properties=} [properties] Properties to set
                 * @returns {pallet.events.v1.Envelope} Envelope instance
                 * @type {{
                 *   (properties: pallet.events.v1.Envelope.$Shape): pallet.events.v1.Envelope & pallet.events.v1.Envelope.$Shape;
                 *   (properties?: pallet.events.v1.Envelope.$Properties): pallet.events.v1.Envelope;
                 * }}
                 */
                Envelope.create = function(properties) {
                    return new Envelope(properties);
                };

                /**
                 * Encodes the specified Envelope message. Does not implicitly {@link pallet.events.v1.Envelope.verify|verify} messages.
                 * @function encode
                 * @memberof pallet.events.v1.Envelope
                 * @static
                 * @param {pallet.events.v1.Envelope.$Properties} message Envelope message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Envelope.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventId);
                    if (message.tenant != null && $Object.hasOwnProperty.call(message, "tenant") && message.tenant !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.tenant);
                    if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.type);
                    if (message.aggregateId != null && $Object.hasOwnProperty.call(message, "aggregateId") && message.aggregateId !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.aggregateId);
                    if (message.sequence != null && $Object.hasOwnProperty.call(message, "sequence") && (typeof message.sequence === "object" ? message.sequence.low || message.sequence.high : message.sequence !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.sequence);
                    if (message.occurredAtMs != null && $Object.hasOwnProperty.call(message, "occurredAtMs") && (typeof message.occurredAtMs === "object" ? message.occurredAtMs.low || message.occurredAtMs.high : message.occurredAtMs !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).int64(message.occurredAtMs);
                    if (message.causationId != null && $Object.hasOwnProperty.call(message, "causationId") && message.causationId !== "")
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.causationId);
                    if (message.correlationId != null && $Object.hasOwnProperty.call(message, "correlationId") && message.correlationId !== "")
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.correlationId);
                    if (message.outboxId != null && $Object.hasOwnProperty.call(message, "outboxId") && message.outboxId !== "")
                        writer.uint32(/* id 9, wireType 2 =*/74).string(message.outboxId);
                    if (message.stockSet != null && $Object.hasOwnProperty.call(message, "stockSet"))
                        $root.pallet.events.v1.StockSet.encode(message.stockSet, writer.uint32(/* id 20, wireType 2 =*/162).fork(), _depth + 1).ldelim();
                    if (message.stockAdjusted != null && $Object.hasOwnProperty.call(message, "stockAdjusted"))
                        $root.pallet.events.v1.StockAdjusted.encode(message.stockAdjusted, writer.uint32(/* id 21, wireType 2 =*/170).fork(), _depth + 1).ldelim();
                    if (message.stockReserved != null && $Object.hasOwnProperty.call(message, "stockReserved"))
                        $root.pallet.events.v1.StockReserved.encode(message.stockReserved, writer.uint32(/* id 22, wireType 2 =*/178).fork(), _depth + 1).ldelim();
                    if (message.stockConfirmed != null && $Object.hasOwnProperty.call(message, "stockConfirmed"))
                        $root.pallet.events.v1.StockConfirmed.encode(message.stockConfirmed, writer.uint32(/* id 23, wireType 2 =*/186).fork(), _depth + 1).ldelim();
                    if (message.stockReleased != null && $Object.hasOwnProperty.call(message, "stockReleased"))
                        $root.pallet.events.v1.StockReleased.encode(message.stockReleased, writer.uint32(/* id 24, wireType 2 =*/194).fork(), _depth + 1).ldelim();
                    if (message.stockExpired != null && $Object.hasOwnProperty.call(message, "stockExpired"))
                        $root.pallet.events.v1.StockExpired.encode(message.stockExpired, writer.uint32(/* id 25, wireType 2 =*/202).fork(), _depth + 1).ldelim();
                    if (message.stockFulfilled != null && $Object.hasOwnProperty.call(message, "stockFulfilled"))
                        $root.pallet.events.v1.StockFulfilled.encode(message.stockFulfilled, writer.uint32(/* id 26, wireType 2 =*/210).fork(), _depth + 1).ldelim();
                    if (message.paymentReceived != null && $Object.hasOwnProperty.call(message, "paymentReceived"))
                        $root.pallet.events.v1.PaymentReceived.encode(message.paymentReceived, writer.uint32(/* id 27, wireType 2 =*/218).fork(), _depth + 1).ldelim();
                    if (message.paymentOrphaned != null && $Object.hasOwnProperty.call(message, "paymentOrphaned"))
                        $root.pallet.events.v1.PaymentOrphaned.encode(message.paymentOrphaned, writer.uint32(/* id 28, wireType 2 =*/226).fork(), _depth + 1).ldelim();
                    if (message.orderChanged != null && $Object.hasOwnProperty.call(message, "orderChanged"))
                        $root.pallet.events.v1.OrderChanged.encode(message.orderChanged, writer.uint32(/* id 29, wireType 2 =*/234).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Envelope message from the specified reader or buffer.
                 * @function decode
                 * @memberof pallet.events.v1.Envelope
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {pallet.events.v1.Envelope & pallet.events.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Envelope.decode = function (reader, length, _end, _depth, _target) {
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
                    message = _target || new $root.pallet.events.v1.Envelope();
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
                                    message.eventId = value;
                                else
                                    delete message.eventId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.tenant = value;
                                else
                                    delete message.tenant;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.type = value;
                                else
                                    delete message.type;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.aggregateId = value;
                                else
                                    delete message.aggregateId;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.sequence = value;
                                else
                                    delete message.sequence;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.occurredAtMs = value;
                                else
                                    delete message.occurredAtMs;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.causationId = value;
                                else
                                    delete message.causationId;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.correlationId = value;
                                else
                                    delete message.correlationId;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.outboxId = value;
                                else
                                    delete message.outboxId;
                                continue;
                            }
                        case 20: {
                                if (wireType !== 2)
                                    break;
                                message.stockSet = $root.pallet.events.v1.StockSet.decode(reader, reader.size(), $undefined, _depth + 1, message.stockSet);
                                message.payload = "stockSet";
                                continue;
                            }
                        case 21: {
                                if (wireType !== 2)
                                    break;
                                message.stockAdjusted = $root.pallet.events.v1.StockAdjusted.decode(reader, reader.size(), $undefined, _depth + 1, message.stockAdjusted);
                                message.payload = "stockAdjusted";
                                continue;
                            }
                        case 22: {
                                if (wireType !== 2)
                                    break;
                                message.stockReserved = $root.pallet.events.v1.StockReserved.decode(reader, reader.size(), $undefined, _depth + 1, message.stockReserved);
                                message.payload = "stockReserved";
                                continue;
                            }
                        case 23: {
                                if (wireType !== 2)
                                    break;
                                message.stockConfirmed = $root.pallet.events.v1.StockConfirmed.decode(reader, reader.size(), $undefined, _depth + 1, message.stockConfirmed);
                                message.payload = "stockConfirmed";
                                continue;
                            }
                        case 24: {
                                if (wireType !== 2)
                                    break;
                                message.stockReleased = $root.pallet.events.v1.StockReleased.decode(reader, reader.size(), $undefined, _depth + 1, message.stockReleased);
                                message.payload = "stockReleased";
                                continue;
                            }
                        case 25: {
                                if (wireType !== 2)
                                    break;
                                message.stockExpired = $root.pallet.events.v1.StockExpired.decode(reader, reader.size(), $undefined, _depth + 1, message.stockExpired);
                                message.payload = "stockExpired";
                                continue;
                            }
                        case 26: {
                                if (wireType !== 2)
                                    break;
                                message.stockFulfilled = $root.pallet.events.v1.StockFulfilled.decode(reader, reader.size(), $undefined, _depth + 1, message.stockFulfilled);
                                message.payload = "stockFulfilled";
                                continue;
                            }
                        case 27: {
                                if (wireType !== 2)
                                    break;
                                message.paymentReceived = $root.pallet.events.v1.PaymentReceived.decode(reader, reader.size(), $undefined, _depth + 1, message.paymentReceived);
                                message.payload = "paymentReceived";
                                continue;
                            }
                        case 28: {
                                if (wireType !== 2)
                                    break;
                                message.paymentOrphaned = $root.pallet.events.v1.PaymentOrphaned.decode(reader, reader.size(), $undefined, _depth + 1, message.paymentOrphaned);
                                message.payload = "paymentOrphaned";
                                continue;
                            }
                        case 29: {
                                if (wireType !== 2)
                                    break;
                                message.orderChanged = $root.pallet.events.v1.OrderChanged.decode(reader, reader.size(), $undefined, _depth + 1, message.orderChanged);
                                message.payload = "orderChanged";
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
                 * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof pallet.events.v1.Envelope
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {pallet.events.v1.Envelope} Envelope
                 */
                Envelope.fromObject = function (object, _depth) {
                    if (object instanceof $root.pallet.events.v1.Envelope)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".pallet.events.v1.Envelope: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.pallet.events.v1.Envelope();
                    if (object.eventId != null)
                        if (typeof object.eventId !== "string" || object.eventId.length)
                            message.eventId = $String(object.eventId);
                    if (object.tenant != null)
                        if (typeof object.tenant !== "string" || object.tenant.length)
                            message.tenant = $String(object.tenant);
                    if (object.type != null)
                        if (typeof object.type !== "string" || object.type.length)
                            message.type = $String(object.type);
                    if (object.aggregateId != null)
                        if (typeof object.aggregateId !== "string" || object.aggregateId.length)
                            message.aggregateId = $String(object.aggregateId);
                    if (object.sequence != null)
                        if (typeof object.sequence === "object" ? object.sequence.low || object.sequence.high : $Number(object.sequence) !== 0)
                            if ($util.Long)
                                message.sequence = $util.Long.fromValue(object.sequence, true);
                            else if (typeof object.sequence === "string")
                                message.sequence = $parseInt(object.sequence, 10);
                            else if (typeof object.sequence === "number")
                                message.sequence = object.sequence;
                            else if (typeof object.sequence === "object")
                                message.sequence = new $util.LongBits(object.sequence.low >>> 0, object.sequence.high >>> 0).toNumber(true);
                    if (object.occurredAtMs != null)
                        if (typeof object.occurredAtMs === "object" ? object.occurredAtMs.low || object.occurredAtMs.high : $Number(object.occurredAtMs) !== 0)
                            if ($util.Long)
                                message.occurredAtMs = $util.Long.fromValue(object.occurredAtMs, false);
                            else if (typeof object.occurredAtMs === "string")
                                message.occurredAtMs = $parseInt(object.occurredAtMs, 10);
                            else if (typeof object.occurredAtMs === "number")
                                message.occurredAtMs = object.occurredAtMs;
                            else if (typeof object.occurredAtMs === "object")
                                message.occurredAtMs = new $util.LongBits(object.occurredAtMs.low >>> 0, object.occurredAtMs.high >>> 0).toNumber();
                    if (object.causationId != null)
                        if (typeof object.causationId !== "string" || object.causationId.length)
                            message.causationId = $String(object.causationId);
                    if (object.correlationId != null)
                        if (typeof object.correlationId !== "string" || object.correlationId.length)
                            message.correlationId = $String(object.correlationId);
                    if (object.outboxId != null)
                        if (typeof object.outboxId !== "string" || object.outboxId.length)
                            message.outboxId = $String(object.outboxId);
                    if (object.stockSet != null) {
                        if (!$util.isObject(object.stockSet))
                            throw $TypeError(".pallet.events.v1.Envelope.stockSet: object expected");
                        message.stockSet = $root.pallet.events.v1.StockSet.fromObject(object.stockSet, _depth + 1);
                    }
                    if (object.stockAdjusted != null) {
                        if (!$util.isObject(object.stockAdjusted))
                            throw $TypeError(".pallet.events.v1.Envelope.stockAdjusted: object expected");
                        message.stockAdjusted = $root.pallet.events.v1.StockAdjusted.fromObject(object.stockAdjusted, _depth + 1);
                    }
                    if (object.stockReserved != null) {
                        if (!$util.isObject(object.stockReserved))
                            throw $TypeError(".pallet.events.v1.Envelope.stockReserved: object expected");
                        message.stockReserved = $root.pallet.events.v1.StockReserved.fromObject(object.stockReserved, _depth + 1);
                    }
                    if (object.stockConfirmed != null) {
                        if (!$util.isObject(object.stockConfirmed))
                            throw $TypeError(".pallet.events.v1.Envelope.stockConfirmed: object expected");
                        message.stockConfirmed = $root.pallet.events.v1.StockConfirmed.fromObject(object.stockConfirmed, _depth + 1);
                    }
                    if (object.stockReleased != null) {
                        if (!$util.isObject(object.stockReleased))
                            throw $TypeError(".pallet.events.v1.Envelope.stockReleased: object expected");
                        message.stockReleased = $root.pallet.events.v1.StockReleased.fromObject(object.stockReleased, _depth + 1);
                    }
                    if (object.stockExpired != null) {
                        if (!$util.isObject(object.stockExpired))
                            throw $TypeError(".pallet.events.v1.Envelope.stockExpired: object expected");
                        message.stockExpired = $root.pallet.events.v1.StockExpired.fromObject(object.stockExpired, _depth + 1);
                    }
                    if (object.stockFulfilled != null) {
                        if (!$util.isObject(object.stockFulfilled))
                            throw $TypeError(".pallet.events.v1.Envelope.stockFulfilled: object expected");
                        message.stockFulfilled = $root.pallet.events.v1.StockFulfilled.fromObject(object.stockFulfilled, _depth + 1);
                    }
                    if (object.paymentReceived != null) {
                        if (!$util.isObject(object.paymentReceived))
                            throw $TypeError(".pallet.events.v1.Envelope.paymentReceived: object expected");
                        message.paymentReceived = $root.pallet.events.v1.PaymentReceived.fromObject(object.paymentReceived, _depth + 1);
                    }
                    if (object.paymentOrphaned != null) {
                        if (!$util.isObject(object.paymentOrphaned))
                            throw $TypeError(".pallet.events.v1.Envelope.paymentOrphaned: object expected");
                        message.paymentOrphaned = $root.pallet.events.v1.PaymentOrphaned.fromObject(object.paymentOrphaned, _depth + 1);
                    }
                    if (object.orderChanged != null) {
                        if (!$util.isObject(object.orderChanged))
                            throw $TypeError(".pallet.events.v1.Envelope.orderChanged: object expected");
                        message.orderChanged = $root.pallet.events.v1.OrderChanged.fromObject(object.orderChanged, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from an Envelope message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof pallet.events.v1.Envelope
                 * @static
                 * @param {pallet.events.v1.Envelope} message Envelope
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Envelope.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.eventId = "";
                        object.tenant = "";
                        object.type = "";
                        object.aggregateId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.sequence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.sequence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.occurredAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.occurredAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.causationId = "";
                        object.correlationId = "";
                        object.outboxId = "";
                    }
                    if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId"))
                        object.eventId = message.eventId;
                    if (message.tenant != null && $Object.hasOwnProperty.call(message, "tenant"))
                        object.tenant = message.tenant;
                    if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                        object.type = message.type;
                    if (message.aggregateId != null && $Object.hasOwnProperty.call(message, "aggregateId"))
                        object.aggregateId = message.aggregateId;
                    if (message.sequence != null && $Object.hasOwnProperty.call(message, "sequence"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.sequence = typeof message.sequence === "number" ? $BigInt(message.sequence) : $util.Long.fromBits(message.sequence.low >>> 0, message.sequence.high >>> 0, true).toBigInt();
                        else if (typeof message.sequence === "number")
                            object.sequence = options.longs === $String ? $String(message.sequence) : message.sequence;
                        else
                            object.sequence = options.longs === $String ? $util.Long.prototype.toString.call(message.sequence) : options.longs === $Number ? new $util.LongBits(message.sequence.low >>> 0, message.sequence.high >>> 0).toNumber(true) : message.sequence;
                    if (message.occurredAtMs != null && $Object.hasOwnProperty.call(message, "occurredAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.occurredAtMs = typeof message.occurredAtMs === "number" ? $BigInt(message.occurredAtMs) : $util.Long.fromBits(message.occurredAtMs.low >>> 0, message.occurredAtMs.high >>> 0, false).toBigInt();
                        else if (typeof message.occurredAtMs === "number")
                            object.occurredAtMs = options.longs === $String ? $String(message.occurredAtMs) : message.occurredAtMs;
                        else
                            object.occurredAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.occurredAtMs) : options.longs === $Number ? new $util.LongBits(message.occurredAtMs.low >>> 0, message.occurredAtMs.high >>> 0).toNumber() : message.occurredAtMs;
                    if (message.causationId != null && $Object.hasOwnProperty.call(message, "causationId"))
                        object.causationId = message.causationId;
                    if (message.correlationId != null && $Object.hasOwnProperty.call(message, "correlationId"))
                        object.correlationId = message.correlationId;
                    if (message.outboxId != null && $Object.hasOwnProperty.call(message, "outboxId"))
                        object.outboxId = message.outboxId;
                    if (message.stockSet != null && $Object.hasOwnProperty.call(message, "stockSet")) {
                        object.stockSet = $root.pallet.events.v1.StockSet.toObject(message.stockSet, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "stockSet";
                    }
                    if (message.stockAdjusted != null && $Object.hasOwnProperty.call(message, "stockAdjusted")) {
                        object.stockAdjusted = $root.pallet.events.v1.StockAdjusted.toObject(message.stockAdjusted, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "stockAdjusted";
                    }
                    if (message.stockReserved != null && $Object.hasOwnProperty.call(message, "stockReserved")) {
                        object.stockReserved = $root.pallet.events.v1.StockReserved.toObject(message.stockReserved, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "stockReserved";
                    }
                    if (message.stockConfirmed != null && $Object.hasOwnProperty.call(message, "stockConfirmed")) {
                        object.stockConfirmed = $root.pallet.events.v1.StockConfirmed.toObject(message.stockConfirmed, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "stockConfirmed";
                    }
                    if (message.stockReleased != null && $Object.hasOwnProperty.call(message, "stockReleased")) {
                        object.stockReleased = $root.pallet.events.v1.StockReleased.toObject(message.stockReleased, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "stockReleased";
                    }
                    if (message.stockExpired != null && $Object.hasOwnProperty.call(message, "stockExpired")) {
                        object.stockExpired = $root.pallet.events.v1.StockExpired.toObject(message.stockExpired, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "stockExpired";
                    }
                    if (message.stockFulfilled != null && $Object.hasOwnProperty.call(message, "stockFulfilled")) {
                        object.stockFulfilled = $root.pallet.events.v1.StockFulfilled.toObject(message.stockFulfilled, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "stockFulfilled";
                    }
                    if (message.paymentReceived != null && $Object.hasOwnProperty.call(message, "paymentReceived")) {
                        object.paymentReceived = $root.pallet.events.v1.PaymentReceived.toObject(message.paymentReceived, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "paymentReceived";
                    }
                    if (message.paymentOrphaned != null && $Object.hasOwnProperty.call(message, "paymentOrphaned")) {
                        object.paymentOrphaned = $root.pallet.events.v1.PaymentOrphaned.toObject(message.paymentOrphaned, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "paymentOrphaned";
                    }
                    if (message.orderChanged != null && $Object.hasOwnProperty.call(message, "orderChanged")) {
                        object.orderChanged = $root.pallet.events.v1.OrderChanged.toObject(message.orderChanged, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "orderChanged";
                    }
                    return object;
                };

                /**
                 * Converts this Envelope to JSON.
                 * @function toJSON
                 * @memberof pallet.events.v1.Envelope
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Envelope.prototype.toJSON = function() {
                    return Envelope.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Envelope
                 * @function getTypeUrl
                 * @memberof pallet.events.v1.Envelope
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Envelope.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/pallet.events.v1.Envelope";
                };

                return Envelope;
            })();

            return v1;
        })();

        return events;
    })();

    return pallet;
})();

export {
  $root as default
};
