import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace pallet. */
export namespace pallet {

    /** Namespace events. */
    namespace events {

        /** Namespace v1. */
        namespace v1 {

            /**
             * Properties of a CellChange.
             * @deprecated Use pallet.events.v1.CellChange.$Properties instead.
             */
            interface ICellChange extends pallet.events.v1.CellChange.$Properties {
            }

            /** Represents a CellChange. */
            class CellChange {

                /**
                 * Constructs a new CellChange.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.CellChange.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CellChange warehouse. */
                warehouse: string;

                /** CellChange sku. */
                sku: string;

                /** CellChange dOnHand. */
                dOnHand: number;

                /** CellChange dReserved. */
                dReserved: number;

                /** CellChange dCommitted. */
                dCommitted: number;

                /** CellChange onHand. */
                onHand: number;

                /** CellChange reserved. */
                reserved: number;

                /** CellChange committed. */
                committed: number;

                /** CellChange version. */
                version: number;

                /**
                 * Creates a new CellChange instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CellChange instance
                 */
                static create(properties: pallet.events.v1.CellChange.$Shape): pallet.events.v1.CellChange & pallet.events.v1.CellChange.$Shape;
                static create(properties?: pallet.events.v1.CellChange.$Properties): pallet.events.v1.CellChange;

                /**
                 * Encodes the specified CellChange message. Does not implicitly {@link pallet.events.v1.CellChange.verify|verify} messages.
                 * @param message CellChange message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.CellChange.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CellChange message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.CellChange & pallet.events.v1.CellChange.$Shape} CellChange
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.CellChange & pallet.events.v1.CellChange.$Shape;

                /**
                 * Creates a CellChange message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CellChange
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.CellChange;

                /**
                 * Creates a plain object from a CellChange message. Also converts values to other types if specified.
                 * @param message CellChange
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.CellChange, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CellChange to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for CellChange
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace CellChange {

                /** Properties of a CellChange. */
                interface $Properties {

                    /** CellChange warehouse */
                    warehouse?: (string|null);

                    /** CellChange sku */
                    sku?: (string|null);

                    /** CellChange dOnHand */
                    dOnHand?: (number|null);

                    /** CellChange dReserved */
                    dReserved?: (number|null);

                    /** CellChange dCommitted */
                    dCommitted?: (number|null);

                    /** CellChange onHand */
                    onHand?: (number|null);

                    /** CellChange reserved */
                    reserved?: (number|null);

                    /** CellChange committed */
                    committed?: (number|null);

                    /** CellChange version */
                    version?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CellChange. */
                type $Shape = pallet.events.v1.CellChange.$Properties;
            }

            /**
             * Properties of a StockSet.
             * @deprecated Use pallet.events.v1.StockSet.$Properties instead.
             */
            interface IStockSet extends pallet.events.v1.StockSet.$Properties {
            }

            /** Represents a StockSet. */
            class StockSet {

                /**
                 * Constructs a new StockSet.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.StockSet.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StockSet warehouse. */
                warehouse: string;

                /** StockSet sku. */
                sku: string;

                /** StockSet reason. */
                reason: string;

                /** StockSet inTransit. */
                inTransit: number;

                /** StockSet safetyStock. */
                safetyStock: number;

                /** StockSet cell. */
                cell?: (pallet.events.v1.CellChange.$Properties|null);

                /**
                 * Creates a new StockSet instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns StockSet instance
                 */
                static create(properties: pallet.events.v1.StockSet.$Shape): pallet.events.v1.StockSet & pallet.events.v1.StockSet.$Shape;
                static create(properties?: pallet.events.v1.StockSet.$Properties): pallet.events.v1.StockSet;

                /**
                 * Encodes the specified StockSet message. Does not implicitly {@link pallet.events.v1.StockSet.verify|verify} messages.
                 * @param message StockSet message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.StockSet.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StockSet message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockSet & pallet.events.v1.StockSet.$Shape} StockSet
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.StockSet & pallet.events.v1.StockSet.$Shape;

                /**
                 * Creates a StockSet message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns StockSet
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.StockSet;

                /**
                 * Creates a plain object from a StockSet message. Also converts values to other types if specified.
                 * @param message StockSet
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.StockSet, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this StockSet to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for StockSet
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StockSet {

                /** Properties of a StockSet. */
                interface $Properties {

                    /** StockSet warehouse */
                    warehouse?: (string|null);

                    /** StockSet sku */
                    sku?: (string|null);

                    /** StockSet reason */
                    reason?: (string|null);

                    /** StockSet inTransit */
                    inTransit?: (number|null);

                    /** StockSet safetyStock */
                    safetyStock?: (number|null);

                    /** StockSet cell */
                    cell?: (pallet.events.v1.CellChange.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StockSet. */
                type $Shape = pallet.events.v1.StockSet.$Properties;
            }

            /**
             * Properties of a StockAdjusted.
             * @deprecated Use pallet.events.v1.StockAdjusted.$Properties instead.
             */
            interface IStockAdjusted extends pallet.events.v1.StockAdjusted.$Properties {
            }

            /** Represents a StockAdjusted. */
            class StockAdjusted {

                /**
                 * Constructs a new StockAdjusted.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.StockAdjusted.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StockAdjusted warehouse. */
                warehouse: string;

                /** StockAdjusted sku. */
                sku: string;

                /** StockAdjusted reason. */
                reason: string;

                /** StockAdjusted inTransit. */
                inTransit: number;

                /** StockAdjusted safetyStock. */
                safetyStock: number;

                /** StockAdjusted cell. */
                cell?: (pallet.events.v1.CellChange.$Properties|null);

                /**
                 * Creates a new StockAdjusted instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns StockAdjusted instance
                 */
                static create(properties: pallet.events.v1.StockAdjusted.$Shape): pallet.events.v1.StockAdjusted & pallet.events.v1.StockAdjusted.$Shape;
                static create(properties?: pallet.events.v1.StockAdjusted.$Properties): pallet.events.v1.StockAdjusted;

                /**
                 * Encodes the specified StockAdjusted message. Does not implicitly {@link pallet.events.v1.StockAdjusted.verify|verify} messages.
                 * @param message StockAdjusted message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.StockAdjusted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StockAdjusted message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockAdjusted & pallet.events.v1.StockAdjusted.$Shape} StockAdjusted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.StockAdjusted & pallet.events.v1.StockAdjusted.$Shape;

                /**
                 * Creates a StockAdjusted message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns StockAdjusted
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.StockAdjusted;

                /**
                 * Creates a plain object from a StockAdjusted message. Also converts values to other types if specified.
                 * @param message StockAdjusted
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.StockAdjusted, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this StockAdjusted to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for StockAdjusted
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StockAdjusted {

                /** Properties of a StockAdjusted. */
                interface $Properties {

                    /** StockAdjusted warehouse */
                    warehouse?: (string|null);

                    /** StockAdjusted sku */
                    sku?: (string|null);

                    /** StockAdjusted reason */
                    reason?: (string|null);

                    /** StockAdjusted inTransit */
                    inTransit?: (number|null);

                    /** StockAdjusted safetyStock */
                    safetyStock?: (number|null);

                    /** StockAdjusted cell */
                    cell?: (pallet.events.v1.CellChange.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StockAdjusted. */
                type $Shape = pallet.events.v1.StockAdjusted.$Properties;
            }

            /**
             * Properties of a StockReserved.
             * @deprecated Use pallet.events.v1.StockReserved.$Properties instead.
             */
            interface IStockReserved extends pallet.events.v1.StockReserved.$Properties {
            }

            /** Represents a StockReserved. */
            class StockReserved {

                /**
                 * Constructs a new StockReserved.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.StockReserved.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StockReserved reservationId. */
                reservationId: string;

                /** StockReserved expiresAtMs. */
                expiresAtMs: number;

                /** StockReserved cells. */
                cells: pallet.events.v1.CellChange.$Properties[];

                /**
                 * Creates a new StockReserved instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns StockReserved instance
                 */
                static create(properties: pallet.events.v1.StockReserved.$Shape): pallet.events.v1.StockReserved & pallet.events.v1.StockReserved.$Shape;
                static create(properties?: pallet.events.v1.StockReserved.$Properties): pallet.events.v1.StockReserved;

                /**
                 * Encodes the specified StockReserved message. Does not implicitly {@link pallet.events.v1.StockReserved.verify|verify} messages.
                 * @param message StockReserved message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.StockReserved.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StockReserved message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockReserved & pallet.events.v1.StockReserved.$Shape} StockReserved
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.StockReserved & pallet.events.v1.StockReserved.$Shape;

                /**
                 * Creates a StockReserved message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns StockReserved
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.StockReserved;

                /**
                 * Creates a plain object from a StockReserved message. Also converts values to other types if specified.
                 * @param message StockReserved
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.StockReserved, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this StockReserved to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for StockReserved
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StockReserved {

                /** Properties of a StockReserved. */
                interface $Properties {

                    /** StockReserved reservationId */
                    reservationId?: (string|null);

                    /** StockReserved expiresAtMs */
                    expiresAtMs?: (number|null);

                    /** StockReserved cells */
                    cells?: (pallet.events.v1.CellChange.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StockReserved. */
                type $Shape = pallet.events.v1.StockReserved.$Properties;
            }

            /**
             * Properties of a StockConfirmed.
             * @deprecated Use pallet.events.v1.StockConfirmed.$Properties instead.
             */
            interface IStockConfirmed extends pallet.events.v1.StockConfirmed.$Properties {
            }

            /** Represents a StockConfirmed. */
            class StockConfirmed {

                /**
                 * Constructs a new StockConfirmed.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.StockConfirmed.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StockConfirmed reservationId. */
                reservationId: string;

                /** StockConfirmed cells. */
                cells: pallet.events.v1.CellChange.$Properties[];

                /**
                 * Creates a new StockConfirmed instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns StockConfirmed instance
                 */
                static create(properties: pallet.events.v1.StockConfirmed.$Shape): pallet.events.v1.StockConfirmed & pallet.events.v1.StockConfirmed.$Shape;
                static create(properties?: pallet.events.v1.StockConfirmed.$Properties): pallet.events.v1.StockConfirmed;

                /**
                 * Encodes the specified StockConfirmed message. Does not implicitly {@link pallet.events.v1.StockConfirmed.verify|verify} messages.
                 * @param message StockConfirmed message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.StockConfirmed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StockConfirmed message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockConfirmed & pallet.events.v1.StockConfirmed.$Shape} StockConfirmed
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.StockConfirmed & pallet.events.v1.StockConfirmed.$Shape;

                /**
                 * Creates a StockConfirmed message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns StockConfirmed
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.StockConfirmed;

                /**
                 * Creates a plain object from a StockConfirmed message. Also converts values to other types if specified.
                 * @param message StockConfirmed
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.StockConfirmed, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this StockConfirmed to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for StockConfirmed
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StockConfirmed {

                /** Properties of a StockConfirmed. */
                interface $Properties {

                    /** StockConfirmed reservationId */
                    reservationId?: (string|null);

                    /** StockConfirmed cells */
                    cells?: (pallet.events.v1.CellChange.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StockConfirmed. */
                type $Shape = pallet.events.v1.StockConfirmed.$Properties;
            }

            /**
             * Properties of a StockReleased.
             * @deprecated Use pallet.events.v1.StockReleased.$Properties instead.
             */
            interface IStockReleased extends pallet.events.v1.StockReleased.$Properties {
            }

            /** Represents a StockReleased. */
            class StockReleased {

                /**
                 * Constructs a new StockReleased.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.StockReleased.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StockReleased reservationId. */
                reservationId: string;

                /** StockReleased fromStatus. */
                fromStatus: string;

                /** StockReleased cells. */
                cells: pallet.events.v1.CellChange.$Properties[];

                /**
                 * Creates a new StockReleased instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns StockReleased instance
                 */
                static create(properties: pallet.events.v1.StockReleased.$Shape): pallet.events.v1.StockReleased & pallet.events.v1.StockReleased.$Shape;
                static create(properties?: pallet.events.v1.StockReleased.$Properties): pallet.events.v1.StockReleased;

                /**
                 * Encodes the specified StockReleased message. Does not implicitly {@link pallet.events.v1.StockReleased.verify|verify} messages.
                 * @param message StockReleased message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.StockReleased.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StockReleased message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockReleased & pallet.events.v1.StockReleased.$Shape} StockReleased
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.StockReleased & pallet.events.v1.StockReleased.$Shape;

                /**
                 * Creates a StockReleased message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns StockReleased
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.StockReleased;

                /**
                 * Creates a plain object from a StockReleased message. Also converts values to other types if specified.
                 * @param message StockReleased
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.StockReleased, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this StockReleased to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for StockReleased
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StockReleased {

                /** Properties of a StockReleased. */
                interface $Properties {

                    /** StockReleased reservationId */
                    reservationId?: (string|null);

                    /** StockReleased fromStatus */
                    fromStatus?: (string|null);

                    /** StockReleased cells */
                    cells?: (pallet.events.v1.CellChange.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StockReleased. */
                type $Shape = pallet.events.v1.StockReleased.$Properties;
            }

            /**
             * Properties of a StockExpired.
             * @deprecated Use pallet.events.v1.StockExpired.$Properties instead.
             */
            interface IStockExpired extends pallet.events.v1.StockExpired.$Properties {
            }

            /** Represents a StockExpired. */
            class StockExpired {

                /**
                 * Constructs a new StockExpired.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.StockExpired.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StockExpired reservationId. */
                reservationId: string;

                /** StockExpired cells. */
                cells: pallet.events.v1.CellChange.$Properties[];

                /**
                 * Creates a new StockExpired instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns StockExpired instance
                 */
                static create(properties: pallet.events.v1.StockExpired.$Shape): pallet.events.v1.StockExpired & pallet.events.v1.StockExpired.$Shape;
                static create(properties?: pallet.events.v1.StockExpired.$Properties): pallet.events.v1.StockExpired;

                /**
                 * Encodes the specified StockExpired message. Does not implicitly {@link pallet.events.v1.StockExpired.verify|verify} messages.
                 * @param message StockExpired message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.StockExpired.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StockExpired message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockExpired & pallet.events.v1.StockExpired.$Shape} StockExpired
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.StockExpired & pallet.events.v1.StockExpired.$Shape;

                /**
                 * Creates a StockExpired message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns StockExpired
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.StockExpired;

                /**
                 * Creates a plain object from a StockExpired message. Also converts values to other types if specified.
                 * @param message StockExpired
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.StockExpired, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this StockExpired to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for StockExpired
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StockExpired {

                /** Properties of a StockExpired. */
                interface $Properties {

                    /** StockExpired reservationId */
                    reservationId?: (string|null);

                    /** StockExpired cells */
                    cells?: (pallet.events.v1.CellChange.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StockExpired. */
                type $Shape = pallet.events.v1.StockExpired.$Properties;
            }

            /**
             * Properties of a StockFulfilled.
             * @deprecated Use pallet.events.v1.StockFulfilled.$Properties instead.
             */
            interface IStockFulfilled extends pallet.events.v1.StockFulfilled.$Properties {
            }

            /** Represents a StockFulfilled. */
            class StockFulfilled {

                /**
                 * Constructs a new StockFulfilled.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.StockFulfilled.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StockFulfilled reservationId. */
                reservationId: string;

                /** StockFulfilled cells. */
                cells: pallet.events.v1.CellChange.$Properties[];

                /**
                 * Creates a new StockFulfilled instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns StockFulfilled instance
                 */
                static create(properties: pallet.events.v1.StockFulfilled.$Shape): pallet.events.v1.StockFulfilled & pallet.events.v1.StockFulfilled.$Shape;
                static create(properties?: pallet.events.v1.StockFulfilled.$Properties): pallet.events.v1.StockFulfilled;

                /**
                 * Encodes the specified StockFulfilled message. Does not implicitly {@link pallet.events.v1.StockFulfilled.verify|verify} messages.
                 * @param message StockFulfilled message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.StockFulfilled.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StockFulfilled message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.StockFulfilled & pallet.events.v1.StockFulfilled.$Shape} StockFulfilled
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.StockFulfilled & pallet.events.v1.StockFulfilled.$Shape;

                /**
                 * Creates a StockFulfilled message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns StockFulfilled
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.StockFulfilled;

                /**
                 * Creates a plain object from a StockFulfilled message. Also converts values to other types if specified.
                 * @param message StockFulfilled
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.StockFulfilled, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this StockFulfilled to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for StockFulfilled
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace StockFulfilled {

                /** Properties of a StockFulfilled. */
                interface $Properties {

                    /** StockFulfilled reservationId */
                    reservationId?: (string|null);

                    /** StockFulfilled cells */
                    cells?: (pallet.events.v1.CellChange.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StockFulfilled. */
                type $Shape = pallet.events.v1.StockFulfilled.$Properties;
            }

            /**
             * Properties of a PaymentReceived.
             * @deprecated Use pallet.events.v1.PaymentReceived.$Properties instead.
             */
            interface IPaymentReceived extends pallet.events.v1.PaymentReceived.$Properties {
            }

            /** Represents a PaymentReceived. */
            class PaymentReceived {

                /**
                 * Constructs a new PaymentReceived.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.PaymentReceived.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PaymentReceived paymentId. */
                paymentId: string;

                /** PaymentReceived reservationId. */
                reservationId: string;

                /** PaymentReceived amountMinor. */
                amountMinor: number;

                /** PaymentReceived currency. */
                currency: string;

                /** PaymentReceived status. */
                status: string;

                /** PaymentReceived deliveryId. */
                deliveryId: string;

                /** PaymentReceived receivedAtMs. */
                receivedAtMs: number;

                /**
                 * Creates a new PaymentReceived instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PaymentReceived instance
                 */
                static create(properties: pallet.events.v1.PaymentReceived.$Shape): pallet.events.v1.PaymentReceived & pallet.events.v1.PaymentReceived.$Shape;
                static create(properties?: pallet.events.v1.PaymentReceived.$Properties): pallet.events.v1.PaymentReceived;

                /**
                 * Encodes the specified PaymentReceived message. Does not implicitly {@link pallet.events.v1.PaymentReceived.verify|verify} messages.
                 * @param message PaymentReceived message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.PaymentReceived.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PaymentReceived message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.PaymentReceived & pallet.events.v1.PaymentReceived.$Shape} PaymentReceived
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.PaymentReceived & pallet.events.v1.PaymentReceived.$Shape;

                /**
                 * Creates a PaymentReceived message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns PaymentReceived
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.PaymentReceived;

                /**
                 * Creates a plain object from a PaymentReceived message. Also converts values to other types if specified.
                 * @param message PaymentReceived
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.PaymentReceived, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this PaymentReceived to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for PaymentReceived
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PaymentReceived {

                /** Properties of a PaymentReceived. */
                interface $Properties {

                    /** PaymentReceived paymentId */
                    paymentId?: (string|null);

                    /** PaymentReceived reservationId */
                    reservationId?: (string|null);

                    /** PaymentReceived amountMinor */
                    amountMinor?: (number|null);

                    /** PaymentReceived currency */
                    currency?: (string|null);

                    /** PaymentReceived status */
                    status?: (string|null);

                    /** PaymentReceived deliveryId */
                    deliveryId?: (string|null);

                    /** PaymentReceived receivedAtMs */
                    receivedAtMs?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PaymentReceived. */
                type $Shape = pallet.events.v1.PaymentReceived.$Properties;
            }

            /**
             * Properties of a PaymentOrphaned.
             * @deprecated Use pallet.events.v1.PaymentOrphaned.$Properties instead.
             */
            interface IPaymentOrphaned extends pallet.events.v1.PaymentOrphaned.$Properties {
            }

            /** Represents a PaymentOrphaned. */
            class PaymentOrphaned {

                /**
                 * Constructs a new PaymentOrphaned.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.PaymentOrphaned.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PaymentOrphaned paymentId. */
                paymentId: string;

                /** PaymentOrphaned reservationId. */
                reservationId: string;

                /** PaymentOrphaned reason. */
                reason: string;

                /** PaymentOrphaned resolution. */
                resolution: string;

                /** PaymentOrphaned newReservationId. */
                newReservationId: string;

                /**
                 * Creates a new PaymentOrphaned instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PaymentOrphaned instance
                 */
                static create(properties: pallet.events.v1.PaymentOrphaned.$Shape): pallet.events.v1.PaymentOrphaned & pallet.events.v1.PaymentOrphaned.$Shape;
                static create(properties?: pallet.events.v1.PaymentOrphaned.$Properties): pallet.events.v1.PaymentOrphaned;

                /**
                 * Encodes the specified PaymentOrphaned message. Does not implicitly {@link pallet.events.v1.PaymentOrphaned.verify|verify} messages.
                 * @param message PaymentOrphaned message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.PaymentOrphaned.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PaymentOrphaned message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.PaymentOrphaned & pallet.events.v1.PaymentOrphaned.$Shape} PaymentOrphaned
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.PaymentOrphaned & pallet.events.v1.PaymentOrphaned.$Shape;

                /**
                 * Creates a PaymentOrphaned message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns PaymentOrphaned
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.PaymentOrphaned;

                /**
                 * Creates a plain object from a PaymentOrphaned message. Also converts values to other types if specified.
                 * @param message PaymentOrphaned
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.PaymentOrphaned, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this PaymentOrphaned to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for PaymentOrphaned
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace PaymentOrphaned {

                /** Properties of a PaymentOrphaned. */
                interface $Properties {

                    /** PaymentOrphaned paymentId */
                    paymentId?: (string|null);

                    /** PaymentOrphaned reservationId */
                    reservationId?: (string|null);

                    /** PaymentOrphaned reason */
                    reason?: (string|null);

                    /** PaymentOrphaned resolution */
                    resolution?: (string|null);

                    /** PaymentOrphaned newReservationId */
                    newReservationId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PaymentOrphaned. */
                type $Shape = pallet.events.v1.PaymentOrphaned.$Properties;
            }

            /**
             * Properties of an OrderHold.
             * @deprecated Use pallet.events.v1.OrderHold.$Properties instead.
             */
            interface IOrderHold extends pallet.events.v1.OrderHold.$Properties {
            }

            /** Represents an OrderHold. */
            class OrderHold {

                /**
                 * Constructs a new OrderHold.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.OrderHold.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** OrderHold rule. */
                rule: string;

                /** OrderHold detail. */
                detail: string;

                /**
                 * Creates a new OrderHold instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns OrderHold instance
                 */
                static create(properties: pallet.events.v1.OrderHold.$Shape): pallet.events.v1.OrderHold & pallet.events.v1.OrderHold.$Shape;
                static create(properties?: pallet.events.v1.OrderHold.$Properties): pallet.events.v1.OrderHold;

                /**
                 * Encodes the specified OrderHold message. Does not implicitly {@link pallet.events.v1.OrderHold.verify|verify} messages.
                 * @param message OrderHold message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.OrderHold.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an OrderHold message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.OrderHold & pallet.events.v1.OrderHold.$Shape} OrderHold
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.OrderHold & pallet.events.v1.OrderHold.$Shape;

                /**
                 * Creates an OrderHold message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns OrderHold
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.OrderHold;

                /**
                 * Creates a plain object from an OrderHold message. Also converts values to other types if specified.
                 * @param message OrderHold
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.OrderHold, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this OrderHold to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for OrderHold
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace OrderHold {

                /** Properties of an OrderHold. */
                interface $Properties {

                    /** OrderHold rule */
                    rule?: (string|null);

                    /** OrderHold detail */
                    detail?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an OrderHold. */
                type $Shape = pallet.events.v1.OrderHold.$Properties;
            }

            /**
             * Properties of an OrderChanged.
             * @deprecated Use pallet.events.v1.OrderChanged.$Properties instead.
             */
            interface IOrderChanged extends pallet.events.v1.OrderChanged.$Properties {
            }

            /** Represents an OrderChanged. */
            class OrderChanged {

                /**
                 * Constructs a new OrderChanged.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.OrderChanged.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** OrderChanged orderId. */
                orderId: string;

                /** OrderChanged channel. */
                channel: string;

                /** OrderChanged externalId. */
                externalId: string;

                /** OrderChanged status. */
                status: string;

                /** OrderChanged previousStatus. */
                previousStatus: string;

                /** OrderChanged version. */
                version: number;

                /** OrderChanged action. */
                action: string;

                /** OrderChanged currency. */
                currency: string;

                /** OrderChanged totalMinor. */
                totalMinor: number;

                /** OrderChanged holds. */
                holds: pallet.events.v1.OrderHold.$Properties[];

                /** OrderChanged placedAtMs. */
                placedAtMs: number;

                /** OrderChanged paidAtMs. */
                paidAtMs: number;

                /** OrderChanged reservationId. */
                reservationId: string;

                /**
                 * Creates a new OrderChanged instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns OrderChanged instance
                 */
                static create(properties: pallet.events.v1.OrderChanged.$Shape): pallet.events.v1.OrderChanged & pallet.events.v1.OrderChanged.$Shape;
                static create(properties?: pallet.events.v1.OrderChanged.$Properties): pallet.events.v1.OrderChanged;

                /**
                 * Encodes the specified OrderChanged message. Does not implicitly {@link pallet.events.v1.OrderChanged.verify|verify} messages.
                 * @param message OrderChanged message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.OrderChanged.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an OrderChanged message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.OrderChanged & pallet.events.v1.OrderChanged.$Shape} OrderChanged
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.OrderChanged & pallet.events.v1.OrderChanged.$Shape;

                /**
                 * Creates an OrderChanged message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns OrderChanged
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.OrderChanged;

                /**
                 * Creates a plain object from an OrderChanged message. Also converts values to other types if specified.
                 * @param message OrderChanged
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.OrderChanged, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this OrderChanged to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for OrderChanged
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace OrderChanged {

                /** Properties of an OrderChanged. */
                interface $Properties {

                    /** OrderChanged orderId */
                    orderId?: (string|null);

                    /** OrderChanged channel */
                    channel?: (string|null);

                    /** OrderChanged externalId */
                    externalId?: (string|null);

                    /** OrderChanged status */
                    status?: (string|null);

                    /** OrderChanged previousStatus */
                    previousStatus?: (string|null);

                    /** OrderChanged version */
                    version?: (number|null);

                    /** OrderChanged action */
                    action?: (string|null);

                    /** OrderChanged currency */
                    currency?: (string|null);

                    /** OrderChanged totalMinor */
                    totalMinor?: (number|null);

                    /** OrderChanged holds */
                    holds?: (pallet.events.v1.OrderHold.$Properties[]|null);

                    /** OrderChanged placedAtMs */
                    placedAtMs?: (number|null);

                    /** OrderChanged paidAtMs */
                    paidAtMs?: (number|null);

                    /** OrderChanged reservationId */
                    reservationId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an OrderChanged. */
                type $Shape = pallet.events.v1.OrderChanged.$Properties;
            }

            /**
             * Properties of an Envelope.
             * @deprecated Use pallet.events.v1.Envelope.$Properties instead.
             */
            interface IEnvelope extends pallet.events.v1.Envelope.$Properties {
            }

            /** Represents an Envelope. */
            class Envelope {

                /**
                 * Constructs a new Envelope.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.events.v1.Envelope.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Envelope eventId. */
                eventId: string;

                /** Envelope tenant. */
                tenant: string;

                /** Envelope type. */
                type: string;

                /** Envelope aggregateId. */
                aggregateId: string;

                /** Envelope sequence. */
                sequence: number;

                /** Envelope occurredAtMs. */
                occurredAtMs: number;

                /** Envelope causationId. */
                causationId: string;

                /** Envelope correlationId. */
                correlationId: string;

                /** Envelope outboxId. */
                outboxId: string;

                /** Envelope stockSet. */
                stockSet?: (pallet.events.v1.StockSet.$Properties|null);

                /** Envelope stockAdjusted. */
                stockAdjusted?: (pallet.events.v1.StockAdjusted.$Properties|null);

                /** Envelope stockReserved. */
                stockReserved?: (pallet.events.v1.StockReserved.$Properties|null);

                /** Envelope stockConfirmed. */
                stockConfirmed?: (pallet.events.v1.StockConfirmed.$Properties|null);

                /** Envelope stockReleased. */
                stockReleased?: (pallet.events.v1.StockReleased.$Properties|null);

                /** Envelope stockExpired. */
                stockExpired?: (pallet.events.v1.StockExpired.$Properties|null);

                /** Envelope stockFulfilled. */
                stockFulfilled?: (pallet.events.v1.StockFulfilled.$Properties|null);

                /** Envelope paymentReceived. */
                paymentReceived?: (pallet.events.v1.PaymentReceived.$Properties|null);

                /** Envelope paymentOrphaned. */
                paymentOrphaned?: (pallet.events.v1.PaymentOrphaned.$Properties|null);

                /** Envelope orderChanged. */
                orderChanged?: (pallet.events.v1.OrderChanged.$Properties|null);

                /** Envelope payload. */
                payload?: ("stockSet"|"stockAdjusted"|"stockReserved"|"stockConfirmed"|"stockReleased"|"stockExpired"|"stockFulfilled"|"paymentReceived"|"paymentOrphaned"|"orderChanged");

                /**
                 * Creates a new Envelope instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Envelope instance
                 */
                static create(properties: pallet.events.v1.Envelope.$Shape): pallet.events.v1.Envelope & pallet.events.v1.Envelope.$Shape;
                static create(properties?: pallet.events.v1.Envelope.$Properties): pallet.events.v1.Envelope;

                /**
                 * Encodes the specified Envelope message. Does not implicitly {@link pallet.events.v1.Envelope.verify|verify} messages.
                 * @param message Envelope message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.events.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Envelope message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.events.v1.Envelope & pallet.events.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.events.v1.Envelope & pallet.events.v1.Envelope.$Shape;

                /**
                 * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Envelope
                 */
                static fromObject(object: { [k: string]: any }): pallet.events.v1.Envelope;

                /**
                 * Creates a plain object from an Envelope message. Also converts values to other types if specified.
                 * @param message Envelope
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.events.v1.Envelope, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Envelope to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Envelope
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Envelope {

                /** Properties of an Envelope. */
                interface $Properties {

                    /** Envelope eventId */
                    eventId?: (string|null);

                    /** Envelope tenant */
                    tenant?: (string|null);

                    /** Envelope type */
                    type?: (string|null);

                    /** Envelope aggregateId */
                    aggregateId?: (string|null);

                    /** Envelope sequence */
                    sequence?: (number|null);

                    /** Envelope occurredAtMs */
                    occurredAtMs?: (number|null);

                    /** Envelope causationId */
                    causationId?: (string|null);

                    /** Envelope correlationId */
                    correlationId?: (string|null);

                    /** Envelope outboxId */
                    outboxId?: (string|null);

                    /** Envelope stockSet */
                    stockSet?: (pallet.events.v1.StockSet.$Properties|null);

                    /** Envelope stockAdjusted */
                    stockAdjusted?: (pallet.events.v1.StockAdjusted.$Properties|null);

                    /** Envelope stockReserved */
                    stockReserved?: (pallet.events.v1.StockReserved.$Properties|null);

                    /** Envelope stockConfirmed */
                    stockConfirmed?: (pallet.events.v1.StockConfirmed.$Properties|null);

                    /** Envelope stockReleased */
                    stockReleased?: (pallet.events.v1.StockReleased.$Properties|null);

                    /** Envelope stockExpired */
                    stockExpired?: (pallet.events.v1.StockExpired.$Properties|null);

                    /** Envelope stockFulfilled */
                    stockFulfilled?: (pallet.events.v1.StockFulfilled.$Properties|null);

                    /** Envelope paymentReceived */
                    paymentReceived?: (pallet.events.v1.PaymentReceived.$Properties|null);

                    /** Envelope paymentOrphaned */
                    paymentOrphaned?: (pallet.events.v1.PaymentOrphaned.$Properties|null);

                    /** Envelope orderChanged */
                    orderChanged?: (pallet.events.v1.OrderChanged.$Properties|null);

                    /** Envelope payload */
                    payload?: ("stockSet"|"stockAdjusted"|"stockReserved"|"stockConfirmed"|"stockReleased"|"stockExpired"|"stockFulfilled"|"paymentReceived"|"paymentOrphaned"|"orderChanged");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of an Envelope. */
                type $Shape = {
                  eventId?: string|null;
                  tenant?: string|null;
                  type?: string|null;
                  aggregateId?: string|null;
                  sequence?: number|null;
                  occurredAtMs?: number|null;
                  causationId?: string|null;
                  correlationId?: string|null;
                  outboxId?: string|null;
                  stockSet?: pallet.events.v1.StockSet.$Shape|null;
                  stockAdjusted?: pallet.events.v1.StockAdjusted.$Shape|null;
                  stockReserved?: pallet.events.v1.StockReserved.$Shape|null;
                  stockConfirmed?: pallet.events.v1.StockConfirmed.$Shape|null;
                  stockReleased?: pallet.events.v1.StockReleased.$Shape|null;
                  stockExpired?: pallet.events.v1.StockExpired.$Shape|null;
                  stockFulfilled?: pallet.events.v1.StockFulfilled.$Shape|null;
                  paymentReceived?: pallet.events.v1.PaymentReceived.$Shape|null;
                  paymentOrphaned?: pallet.events.v1.PaymentOrphaned.$Shape|null;
                  orderChanged?: pallet.events.v1.OrderChanged.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ payload?: undefined; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockSet"; stockSet: pallet.events.v1.StockSet.$Shape; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockAdjusted"; stockSet?: null; stockAdjusted: pallet.events.v1.StockAdjusted.$Shape; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockReserved"; stockSet?: null; stockAdjusted?: null; stockReserved: pallet.events.v1.StockReserved.$Shape; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockConfirmed"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed: pallet.events.v1.StockConfirmed.$Shape; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockReleased"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased: pallet.events.v1.StockReleased.$Shape; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockExpired"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired: pallet.events.v1.StockExpired.$Shape; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "stockFulfilled"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled: pallet.events.v1.StockFulfilled.$Shape; paymentReceived?: null; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "paymentReceived"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived: pallet.events.v1.PaymentReceived.$Shape; paymentOrphaned?: null; orderChanged?: null }|{ payload?: "paymentOrphaned"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned: pallet.events.v1.PaymentOrphaned.$Shape; orderChanged?: null }|{ payload?: "orderChanged"; stockSet?: null; stockAdjusted?: null; stockReserved?: null; stockConfirmed?: null; stockReleased?: null; stockExpired?: null; stockFulfilled?: null; paymentReceived?: null; paymentOrphaned?: null; orderChanged: pallet.events.v1.OrderChanged.$Shape })
                );
            }
        }
    }
}
