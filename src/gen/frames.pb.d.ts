import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace pallet. */
export namespace pallet {

    /** Namespace dashboard. */
    namespace dashboard {

        /** Namespace v1. */
        namespace v1 {

            /**
             * Properties of a Cell.
             * @deprecated Use pallet.dashboard.v1.Cell.$Properties instead.
             */
            interface ICell extends pallet.dashboard.v1.Cell.$Properties {
            }

            /** Represents a Cell. */
            class Cell {

                /**
                 * Constructs a new Cell.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Cell.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Cell warehouse. */
                warehouse: string;

                /** Cell sku. */
                sku: string;

                /** Cell onHand. */
                onHand: number;

                /** Cell reserved. */
                reserved: number;

                /** Cell committed. */
                committed: number;

                /** Cell inTransit. */
                inTransit: number;

                /** Cell safetyStock. */
                safetyStock: number;

                /** Cell available. */
                available: number;

                /** Cell low. */
                low: boolean;

                /** Cell version. */
                version: number;

                /** Cell at. */
                at: number;

                /**
                 * Creates a new Cell instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Cell instance
                 */
                static create(properties: pallet.dashboard.v1.Cell.$Shape): pallet.dashboard.v1.Cell & pallet.dashboard.v1.Cell.$Shape;
                static create(properties?: pallet.dashboard.v1.Cell.$Properties): pallet.dashboard.v1.Cell;

                /**
                 * Encodes the specified Cell message. Does not implicitly {@link pallet.dashboard.v1.Cell.verify|verify} messages.
                 * @param message Cell message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Cell.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Cell message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Cell & pallet.dashboard.v1.Cell.$Shape} Cell
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Cell & pallet.dashboard.v1.Cell.$Shape;

                /**
                 * Creates a Cell message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Cell
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Cell;

                /**
                 * Creates a plain object from a Cell message. Also converts values to other types if specified.
                 * @param message Cell
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Cell, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Cell to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Cell
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Cell {

                /** Properties of a Cell. */
                interface $Properties {

                    /** Cell warehouse */
                    warehouse?: (string|null);

                    /** Cell sku */
                    sku?: (string|null);

                    /** Cell onHand */
                    onHand?: (number|null);

                    /** Cell reserved */
                    reserved?: (number|null);

                    /** Cell committed */
                    committed?: (number|null);

                    /** Cell inTransit */
                    inTransit?: (number|null);

                    /** Cell safetyStock */
                    safetyStock?: (number|null);

                    /** Cell available */
                    available?: (number|null);

                    /** Cell low */
                    low?: (boolean|null);

                    /** Cell version */
                    version?: (number|null);

                    /** Cell at */
                    at?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Cell. */
                type $Shape = pallet.dashboard.v1.Cell.$Properties;
            }

            /**
             * Properties of a Named.
             * @deprecated Use pallet.dashboard.v1.Named.$Properties instead.
             */
            interface INamed extends pallet.dashboard.v1.Named.$Properties {
            }

            /** Represents a Named. */
            class Named {

                /**
                 * Constructs a new Named.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Named.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Named id. */
                id: string;

                /** Named name. */
                name: string;

                /**
                 * Creates a new Named instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Named instance
                 */
                static create(properties: pallet.dashboard.v1.Named.$Shape): pallet.dashboard.v1.Named & pallet.dashboard.v1.Named.$Shape;
                static create(properties?: pallet.dashboard.v1.Named.$Properties): pallet.dashboard.v1.Named;

                /**
                 * Encodes the specified Named message. Does not implicitly {@link pallet.dashboard.v1.Named.verify|verify} messages.
                 * @param message Named message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Named.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Named message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Named & pallet.dashboard.v1.Named.$Shape} Named
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Named & pallet.dashboard.v1.Named.$Shape;

                /**
                 * Creates a Named message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Named
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Named;

                /**
                 * Creates a plain object from a Named message. Also converts values to other types if specified.
                 * @param message Named
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Named, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Named to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Named
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Named {

                /** Properties of a Named. */
                interface $Properties {

                    /** Named id */
                    id?: (string|null);

                    /** Named name */
                    name?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Named. */
                type $Shape = pallet.dashboard.v1.Named.$Properties;
            }

            /**
             * Properties of a CellRef.
             * @deprecated Use pallet.dashboard.v1.CellRef.$Properties instead.
             */
            interface ICellRef extends pallet.dashboard.v1.CellRef.$Properties {
            }

            /** Represents a CellRef. */
            class CellRef {

                /**
                 * Constructs a new CellRef.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.CellRef.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CellRef warehouse. */
                warehouse: string;

                /** CellRef sku. */
                sku: string;

                /**
                 * Creates a new CellRef instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CellRef instance
                 */
                static create(properties: pallet.dashboard.v1.CellRef.$Shape): pallet.dashboard.v1.CellRef & pallet.dashboard.v1.CellRef.$Shape;
                static create(properties?: pallet.dashboard.v1.CellRef.$Properties): pallet.dashboard.v1.CellRef;

                /**
                 * Encodes the specified CellRef message. Does not implicitly {@link pallet.dashboard.v1.CellRef.verify|verify} messages.
                 * @param message CellRef message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.CellRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CellRef message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.CellRef & pallet.dashboard.v1.CellRef.$Shape} CellRef
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.CellRef & pallet.dashboard.v1.CellRef.$Shape;

                /**
                 * Creates a CellRef message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CellRef
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.CellRef;

                /**
                 * Creates a plain object from a CellRef message. Also converts values to other types if specified.
                 * @param message CellRef
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.CellRef, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CellRef to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for CellRef
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace CellRef {

                /** Properties of a CellRef. */
                interface $Properties {

                    /** CellRef warehouse */
                    warehouse?: (string|null);

                    /** CellRef sku */
                    sku?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CellRef. */
                type $Shape = pallet.dashboard.v1.CellRef.$Properties;
            }

            /**
             * Properties of a Component.
             * @deprecated Use pallet.dashboard.v1.Component.$Properties instead.
             */
            interface IComponent extends pallet.dashboard.v1.Component.$Properties {
            }

            /** Represents a Component. */
            class Component {

                /**
                 * Constructs a new Component.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Component.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Component sku. */
                sku: string;

                /** Component qty. */
                qty: number;

                /**
                 * Creates a new Component instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Component instance
                 */
                static create(properties: pallet.dashboard.v1.Component.$Shape): pallet.dashboard.v1.Component & pallet.dashboard.v1.Component.$Shape;
                static create(properties?: pallet.dashboard.v1.Component.$Properties): pallet.dashboard.v1.Component;

                /**
                 * Encodes the specified Component message. Does not implicitly {@link pallet.dashboard.v1.Component.verify|verify} messages.
                 * @param message Component message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Component.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Component message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Component & pallet.dashboard.v1.Component.$Shape} Component
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Component & pallet.dashboard.v1.Component.$Shape;

                /**
                 * Creates a Component message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Component
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Component;

                /**
                 * Creates a plain object from a Component message. Also converts values to other types if specified.
                 * @param message Component
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Component, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Component to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Component
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Component {

                /** Properties of a Component. */
                interface $Properties {

                    /** Component sku */
                    sku?: (string|null);

                    /** Component qty */
                    qty?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Component. */
                type $Shape = pallet.dashboard.v1.Component.$Properties;
            }

            /**
             * Properties of a Bundle.
             * @deprecated Use pallet.dashboard.v1.Bundle.$Properties instead.
             */
            interface IBundle extends pallet.dashboard.v1.Bundle.$Properties {
            }

            /** Represents a Bundle. */
            class Bundle {

                /**
                 * Constructs a new Bundle.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Bundle.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Bundle sku. */
                sku: string;

                /** Bundle components. */
                components: pallet.dashboard.v1.Component.$Properties[];

                /**
                 * Creates a new Bundle instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Bundle instance
                 */
                static create(properties: pallet.dashboard.v1.Bundle.$Shape): pallet.dashboard.v1.Bundle & pallet.dashboard.v1.Bundle.$Shape;
                static create(properties?: pallet.dashboard.v1.Bundle.$Properties): pallet.dashboard.v1.Bundle;

                /**
                 * Encodes the specified Bundle message. Does not implicitly {@link pallet.dashboard.v1.Bundle.verify|verify} messages.
                 * @param message Bundle message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Bundle.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Bundle message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Bundle & pallet.dashboard.v1.Bundle.$Shape} Bundle
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Bundle & pallet.dashboard.v1.Bundle.$Shape;

                /**
                 * Creates a Bundle message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Bundle
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Bundle;

                /**
                 * Creates a plain object from a Bundle message. Also converts values to other types if specified.
                 * @param message Bundle
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Bundle, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Bundle to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Bundle
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Bundle {

                /** Properties of a Bundle. */
                interface $Properties {

                    /** Bundle sku */
                    sku?: (string|null);

                    /** Bundle components */
                    components?: (pallet.dashboard.v1.Component.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Bundle. */
                type $Shape = pallet.dashboard.v1.Bundle.$Properties;
            }

            /**
             * Properties of a Stock.
             * @deprecated Use pallet.dashboard.v1.Stock.$Properties instead.
             */
            interface IStock extends pallet.dashboard.v1.Stock.$Properties {
            }

            /** Represents a Stock. */
            class Stock {

                /**
                 * Constructs a new Stock.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Stock.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Stock cells. */
                cells: pallet.dashboard.v1.Cell.$Properties[];

                /** Stock warehouses. */
                warehouses: pallet.dashboard.v1.Named.$Properties[];

                /** Stock skus. */
                skus: pallet.dashboard.v1.Named.$Properties[];

                /** Stock bundles. */
                bundles: pallet.dashboard.v1.Bundle.$Properties[];

                /**
                 * Creates a new Stock instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Stock instance
                 */
                static create(properties: pallet.dashboard.v1.Stock.$Shape): pallet.dashboard.v1.Stock & pallet.dashboard.v1.Stock.$Shape;
                static create(properties?: pallet.dashboard.v1.Stock.$Properties): pallet.dashboard.v1.Stock;

                /**
                 * Encodes the specified Stock message. Does not implicitly {@link pallet.dashboard.v1.Stock.verify|verify} messages.
                 * @param message Stock message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Stock.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Stock message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Stock & pallet.dashboard.v1.Stock.$Shape} Stock
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Stock & pallet.dashboard.v1.Stock.$Shape;

                /**
                 * Creates a Stock message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Stock
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Stock;

                /**
                 * Creates a plain object from a Stock message. Also converts values to other types if specified.
                 * @param message Stock
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Stock, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Stock to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Stock
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Stock {

                /** Properties of a Stock. */
                interface $Properties {

                    /** Stock cells */
                    cells?: (pallet.dashboard.v1.Cell.$Properties[]|null);

                    /** Stock warehouses */
                    warehouses?: (pallet.dashboard.v1.Named.$Properties[]|null);

                    /** Stock skus */
                    skus?: (pallet.dashboard.v1.Named.$Properties[]|null);

                    /** Stock bundles */
                    bundles?: (pallet.dashboard.v1.Bundle.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Stock. */
                type $Shape = pallet.dashboard.v1.Stock.$Properties;
            }

            /**
             * Properties of a LowStock.
             * @deprecated Use pallet.dashboard.v1.LowStock.$Properties instead.
             */
            interface ILowStock extends pallet.dashboard.v1.LowStock.$Properties {
            }

            /** Represents a LowStock. */
            class LowStock {

                /**
                 * Constructs a new LowStock.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.LowStock.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** LowStock items. */
                items: pallet.dashboard.v1.Cell.$Properties[];

                /** LowStock removed. */
                removed: pallet.dashboard.v1.CellRef.$Properties[];

                /**
                 * Creates a new LowStock instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns LowStock instance
                 */
                static create(properties: pallet.dashboard.v1.LowStock.$Shape): pallet.dashboard.v1.LowStock & pallet.dashboard.v1.LowStock.$Shape;
                static create(properties?: pallet.dashboard.v1.LowStock.$Properties): pallet.dashboard.v1.LowStock;

                /**
                 * Encodes the specified LowStock message. Does not implicitly {@link pallet.dashboard.v1.LowStock.verify|verify} messages.
                 * @param message LowStock message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.LowStock.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LowStock message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.LowStock & pallet.dashboard.v1.LowStock.$Shape} LowStock
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.LowStock & pallet.dashboard.v1.LowStock.$Shape;

                /**
                 * Creates a LowStock message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns LowStock
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.LowStock;

                /**
                 * Creates a plain object from a LowStock message. Also converts values to other types if specified.
                 * @param message LowStock
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.LowStock, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this LowStock to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for LowStock
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace LowStock {

                /** Properties of a LowStock. */
                interface $Properties {

                    /** LowStock items */
                    items?: (pallet.dashboard.v1.Cell.$Properties[]|null);

                    /** LowStock removed */
                    removed?: (pallet.dashboard.v1.CellRef.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a LowStock. */
                type $Shape = pallet.dashboard.v1.LowStock.$Properties;
            }

            /**
             * Properties of an OrdersToday.
             * @deprecated Use pallet.dashboard.v1.OrdersToday.$Properties instead.
             */
            interface IOrdersToday extends pallet.dashboard.v1.OrdersToday.$Properties {
            }

            /** Represents an OrdersToday. */
            class OrdersToday {

                /**
                 * Constructs a new OrdersToday.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.OrdersToday.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** OrdersToday day. */
                day: string;

                /** OrdersToday timeZone. */
                timeZone: string;

                /** OrdersToday dayStart. */
                dayStart: number;

                /** OrdersToday total. */
                total: number;

                /** OrdersToday completed. */
                completed: number;

                /** OrdersToday pending. */
                pending: number;

                /** OrdersToday held. */
                held: number;

                /** OrdersToday confirmed. */
                confirmed: number;

                /** OrdersToday cancelled. */
                cancelled: number;

                /** OrdersToday exceptions. */
                exceptions: number;

                /** OrdersToday approximate. */
                approximate: boolean;

                /**
                 * Creates a new OrdersToday instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns OrdersToday instance
                 */
                static create(properties: pallet.dashboard.v1.OrdersToday.$Shape): pallet.dashboard.v1.OrdersToday & pallet.dashboard.v1.OrdersToday.$Shape;
                static create(properties?: pallet.dashboard.v1.OrdersToday.$Properties): pallet.dashboard.v1.OrdersToday;

                /**
                 * Encodes the specified OrdersToday message. Does not implicitly {@link pallet.dashboard.v1.OrdersToday.verify|verify} messages.
                 * @param message OrdersToday message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.OrdersToday.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an OrdersToday message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.OrdersToday & pallet.dashboard.v1.OrdersToday.$Shape} OrdersToday
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.OrdersToday & pallet.dashboard.v1.OrdersToday.$Shape;

                /**
                 * Creates an OrdersToday message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns OrdersToday
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.OrdersToday;

                /**
                 * Creates a plain object from an OrdersToday message. Also converts values to other types if specified.
                 * @param message OrdersToday
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.OrdersToday, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this OrdersToday to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for OrdersToday
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace OrdersToday {

                /** Properties of an OrdersToday. */
                interface $Properties {

                    /** OrdersToday day */
                    day?: (string|null);

                    /** OrdersToday timeZone */
                    timeZone?: (string|null);

                    /** OrdersToday dayStart */
                    dayStart?: (number|null);

                    /** OrdersToday total */
                    total?: (number|null);

                    /** OrdersToday completed */
                    completed?: (number|null);

                    /** OrdersToday pending */
                    pending?: (number|null);

                    /** OrdersToday held */
                    held?: (number|null);

                    /** OrdersToday confirmed */
                    confirmed?: (number|null);

                    /** OrdersToday cancelled */
                    cancelled?: (number|null);

                    /** OrdersToday exceptions */
                    exceptions?: (number|null);

                    /** OrdersToday approximate */
                    approximate?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an OrdersToday. */
                type $Shape = pallet.dashboard.v1.OrdersToday.$Properties;
            }

            /**
             * Properties of an OrphanedPayment.
             * @deprecated Use pallet.dashboard.v1.OrphanedPayment.$Properties instead.
             */
            interface IOrphanedPayment extends pallet.dashboard.v1.OrphanedPayment.$Properties {
            }

            /** Represents an OrphanedPayment. */
            class OrphanedPayment {

                /**
                 * Constructs a new OrphanedPayment.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.OrphanedPayment.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** OrphanedPayment paymentId. */
                paymentId: string;

                /** OrphanedPayment reservationId. */
                reservationId: string;

                /** OrphanedPayment reason. */
                reason: string;

                /** OrphanedPayment resolution. */
                resolution: string;

                /** OrphanedPayment newReservationId. */
                newReservationId: string;

                /** OrphanedPayment at. */
                at: number;

                /**
                 * Creates a new OrphanedPayment instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns OrphanedPayment instance
                 */
                static create(properties: pallet.dashboard.v1.OrphanedPayment.$Shape): pallet.dashboard.v1.OrphanedPayment & pallet.dashboard.v1.OrphanedPayment.$Shape;
                static create(properties?: pallet.dashboard.v1.OrphanedPayment.$Properties): pallet.dashboard.v1.OrphanedPayment;

                /**
                 * Encodes the specified OrphanedPayment message. Does not implicitly {@link pallet.dashboard.v1.OrphanedPayment.verify|verify} messages.
                 * @param message OrphanedPayment message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.OrphanedPayment.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an OrphanedPayment message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.OrphanedPayment & pallet.dashboard.v1.OrphanedPayment.$Shape} OrphanedPayment
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.OrphanedPayment & pallet.dashboard.v1.OrphanedPayment.$Shape;

                /**
                 * Creates an OrphanedPayment message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns OrphanedPayment
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.OrphanedPayment;

                /**
                 * Creates a plain object from an OrphanedPayment message. Also converts values to other types if specified.
                 * @param message OrphanedPayment
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.OrphanedPayment, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this OrphanedPayment to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for OrphanedPayment
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace OrphanedPayment {

                /** Properties of an OrphanedPayment. */
                interface $Properties {

                    /** OrphanedPayment paymentId */
                    paymentId?: (string|null);

                    /** OrphanedPayment reservationId */
                    reservationId?: (string|null);

                    /** OrphanedPayment reason */
                    reason?: (string|null);

                    /** OrphanedPayment resolution */
                    resolution?: (string|null);

                    /** OrphanedPayment newReservationId */
                    newReservationId?: (string|null);

                    /** OrphanedPayment at */
                    at?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an OrphanedPayment. */
                type $Shape = pallet.dashboard.v1.OrphanedPayment.$Properties;
            }

            /**
             * Properties of a Counters.
             * @deprecated Use pallet.dashboard.v1.Counters.$Properties instead.
             */
            interface ICounters extends pallet.dashboard.v1.Counters.$Properties {
            }

            /** Represents a Counters. */
            class Counters {

                /**
                 * Constructs a new Counters.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Counters.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Counters onHand. */
                onHand: number;

                /** Counters reserved. */
                reserved: number;

                /** Counters committed. */
                committed: number;

                /** Counters version. */
                version: number;

                /**
                 * Creates a new Counters instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Counters instance
                 */
                static create(properties: pallet.dashboard.v1.Counters.$Shape): pallet.dashboard.v1.Counters & pallet.dashboard.v1.Counters.$Shape;
                static create(properties?: pallet.dashboard.v1.Counters.$Properties): pallet.dashboard.v1.Counters;

                /**
                 * Encodes the specified Counters message. Does not implicitly {@link pallet.dashboard.v1.Counters.verify|verify} messages.
                 * @param message Counters message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Counters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Counters message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Counters & pallet.dashboard.v1.Counters.$Shape} Counters
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Counters & pallet.dashboard.v1.Counters.$Shape;

                /**
                 * Creates a Counters message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Counters
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Counters;

                /**
                 * Creates a plain object from a Counters message. Also converts values to other types if specified.
                 * @param message Counters
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Counters, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Counters to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Counters
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Counters {

                /** Properties of a Counters. */
                interface $Properties {

                    /** Counters onHand */
                    onHand?: (number|null);

                    /** Counters reserved */
                    reserved?: (number|null);

                    /** Counters committed */
                    committed?: (number|null);

                    /** Counters version */
                    version?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Counters. */
                type $Shape = pallet.dashboard.v1.Counters.$Properties;
            }

            /**
             * Properties of a DriftItem.
             * @deprecated Use pallet.dashboard.v1.DriftItem.$Properties instead.
             */
            interface IDriftItem extends pallet.dashboard.v1.DriftItem.$Properties {
            }

            /** Represents a DriftItem. */
            class DriftItem {

                /**
                 * Constructs a new DriftItem.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.DriftItem.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** DriftItem warehouse. */
                warehouse: string;

                /** DriftItem sku. */
                sku: string;

                /** DriftItem kind. */
                kind: string;

                /** DriftItem redis. */
                redis?: (pallet.dashboard.v1.Counters.$Properties|null);

                /** DriftItem ledger. */
                ledger?: (pallet.dashboard.v1.Counters.$Properties|null);

                /** DriftItem detail. */
                detail: string;

                /**
                 * Creates a new DriftItem instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DriftItem instance
                 */
                static create(properties: pallet.dashboard.v1.DriftItem.$Shape): pallet.dashboard.v1.DriftItem & pallet.dashboard.v1.DriftItem.$Shape;
                static create(properties?: pallet.dashboard.v1.DriftItem.$Properties): pallet.dashboard.v1.DriftItem;

                /**
                 * Encodes the specified DriftItem message. Does not implicitly {@link pallet.dashboard.v1.DriftItem.verify|verify} messages.
                 * @param message DriftItem message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.DriftItem.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DriftItem message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.DriftItem & pallet.dashboard.v1.DriftItem.$Shape} DriftItem
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.DriftItem & pallet.dashboard.v1.DriftItem.$Shape;

                /**
                 * Creates a DriftItem message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns DriftItem
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.DriftItem;

                /**
                 * Creates a plain object from a DriftItem message. Also converts values to other types if specified.
                 * @param message DriftItem
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.DriftItem, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this DriftItem to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for DriftItem
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace DriftItem {

                /** Properties of a DriftItem. */
                interface $Properties {

                    /** DriftItem warehouse */
                    warehouse?: (string|null);

                    /** DriftItem sku */
                    sku?: (string|null);

                    /** DriftItem kind */
                    kind?: (string|null);

                    /** DriftItem redis */
                    redis?: (pallet.dashboard.v1.Counters.$Properties|null);

                    /** DriftItem ledger */
                    ledger?: (pallet.dashboard.v1.Counters.$Properties|null);

                    /** DriftItem detail */
                    detail?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DriftItem. */
                type $Shape = pallet.dashboard.v1.DriftItem.$Properties;
            }

            /**
             * Properties of a Drift.
             * @deprecated Use pallet.dashboard.v1.Drift.$Properties instead.
             */
            interface IDrift extends pallet.dashboard.v1.Drift.$Properties {
            }

            /** Represents a Drift. */
            class Drift {

                /**
                 * Constructs a new Drift.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Drift.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Drift cells. */
                cells: number;

                /** Drift checkedAt. */
                checkedAt: number;

                /** Drift items. */
                items: pallet.dashboard.v1.DriftItem.$Properties[];

                /**
                 * Creates a new Drift instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Drift instance
                 */
                static create(properties: pallet.dashboard.v1.Drift.$Shape): pallet.dashboard.v1.Drift & pallet.dashboard.v1.Drift.$Shape;
                static create(properties?: pallet.dashboard.v1.Drift.$Properties): pallet.dashboard.v1.Drift;

                /**
                 * Encodes the specified Drift message. Does not implicitly {@link pallet.dashboard.v1.Drift.verify|verify} messages.
                 * @param message Drift message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Drift.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Drift message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Drift & pallet.dashboard.v1.Drift.$Shape} Drift
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Drift & pallet.dashboard.v1.Drift.$Shape;

                /**
                 * Creates a Drift message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Drift
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Drift;

                /**
                 * Creates a plain object from a Drift message. Also converts values to other types if specified.
                 * @param message Drift
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Drift, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Drift to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Drift
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Drift {

                /** Properties of a Drift. */
                interface $Properties {

                    /** Drift cells */
                    cells?: (number|null);

                    /** Drift checkedAt */
                    checkedAt?: (number|null);

                    /** Drift items */
                    items?: (pallet.dashboard.v1.DriftItem.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Drift. */
                type $Shape = pallet.dashboard.v1.Drift.$Properties;
            }

            /**
             * Properties of a DeadLetter.
             * @deprecated Use pallet.dashboard.v1.DeadLetter.$Properties instead.
             */
            interface IDeadLetter extends pallet.dashboard.v1.DeadLetter.$Properties {
            }

            /** Represents a DeadLetter. */
            class DeadLetter {

                /**
                 * Constructs a new DeadLetter.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.DeadLetter.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** DeadLetter kind. */
                kind: string;

                /** DeadLetter seq. */
                seq: number;

                /** DeadLetter consumer. */
                consumer: string;

                /** DeadLetter subject. */
                subject: string;

                /** DeadLetter eventId. */
                eventId: string;

                /** DeadLetter eventType. */
                eventType: string;

                /** DeadLetter reason. */
                reason: string;

                /** DeadLetter at. */
                at: number;

                /**
                 * Creates a new DeadLetter instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DeadLetter instance
                 */
                static create(properties: pallet.dashboard.v1.DeadLetter.$Shape): pallet.dashboard.v1.DeadLetter & pallet.dashboard.v1.DeadLetter.$Shape;
                static create(properties?: pallet.dashboard.v1.DeadLetter.$Properties): pallet.dashboard.v1.DeadLetter;

                /**
                 * Encodes the specified DeadLetter message. Does not implicitly {@link pallet.dashboard.v1.DeadLetter.verify|verify} messages.
                 * @param message DeadLetter message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.DeadLetter.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DeadLetter message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.DeadLetter & pallet.dashboard.v1.DeadLetter.$Shape} DeadLetter
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.DeadLetter & pallet.dashboard.v1.DeadLetter.$Shape;

                /**
                 * Creates a DeadLetter message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns DeadLetter
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.DeadLetter;

                /**
                 * Creates a plain object from a DeadLetter message. Also converts values to other types if specified.
                 * @param message DeadLetter
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.DeadLetter, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this DeadLetter to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for DeadLetter
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace DeadLetter {

                /** Properties of a DeadLetter. */
                interface $Properties {

                    /** DeadLetter kind */
                    kind?: (string|null);

                    /** DeadLetter seq */
                    seq?: (number|null);

                    /** DeadLetter consumer */
                    consumer?: (string|null);

                    /** DeadLetter subject */
                    subject?: (string|null);

                    /** DeadLetter eventId */
                    eventId?: (string|null);

                    /** DeadLetter eventType */
                    eventType?: (string|null);

                    /** DeadLetter reason */
                    reason?: (string|null);

                    /** DeadLetter at */
                    at?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DeadLetter. */
                type $Shape = pallet.dashboard.v1.DeadLetter.$Properties;
            }

            /**
             * Properties of an Exceptions.
             * @deprecated Use pallet.dashboard.v1.Exceptions.$Properties instead.
             */
            interface IExceptions extends pallet.dashboard.v1.Exceptions.$Properties {
            }

            /** Represents an Exceptions. */
            class Exceptions {

                /**
                 * Constructs a new Exceptions.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Exceptions.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Exceptions payments. */
                payments: pallet.dashboard.v1.OrphanedPayment.$Properties[];

                /** Exceptions paymentsToday. */
                paymentsToday: number;

                /** Exceptions drift. */
                drift?: (pallet.dashboard.v1.Drift.$Properties|null);

                /** Exceptions deadLetters. */
                deadLetters: pallet.dashboard.v1.DeadLetter.$Properties[];

                /** Exceptions deadLettersToday. */
                deadLettersToday: number;

                /**
                 * Creates a new Exceptions instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Exceptions instance
                 */
                static create(properties: pallet.dashboard.v1.Exceptions.$Shape): pallet.dashboard.v1.Exceptions & pallet.dashboard.v1.Exceptions.$Shape;
                static create(properties?: pallet.dashboard.v1.Exceptions.$Properties): pallet.dashboard.v1.Exceptions;

                /**
                 * Encodes the specified Exceptions message. Does not implicitly {@link pallet.dashboard.v1.Exceptions.verify|verify} messages.
                 * @param message Exceptions message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Exceptions.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Exceptions message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Exceptions & pallet.dashboard.v1.Exceptions.$Shape} Exceptions
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Exceptions & pallet.dashboard.v1.Exceptions.$Shape;

                /**
                 * Creates an Exceptions message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Exceptions
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Exceptions;

                /**
                 * Creates a plain object from an Exceptions message. Also converts values to other types if specified.
                 * @param message Exceptions
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Exceptions, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Exceptions to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Exceptions
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Exceptions {

                /** Properties of an Exceptions. */
                interface $Properties {

                    /** Exceptions payments */
                    payments?: (pallet.dashboard.v1.OrphanedPayment.$Properties[]|null);

                    /** Exceptions paymentsToday */
                    paymentsToday?: (number|null);

                    /** Exceptions drift */
                    drift?: (pallet.dashboard.v1.Drift.$Properties|null);

                    /** Exceptions deadLetters */
                    deadLetters?: (pallet.dashboard.v1.DeadLetter.$Properties[]|null);

                    /** Exceptions deadLettersToday */
                    deadLettersToday?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Exceptions. */
                type $Shape = pallet.dashboard.v1.Exceptions.$Properties;
            }

            /**
             * Properties of a ChannelStatusCount.
             * @deprecated Use pallet.dashboard.v1.ChannelStatusCount.$Properties instead.
             */
            interface IChannelStatusCount extends pallet.dashboard.v1.ChannelStatusCount.$Properties {
            }

            /** Represents a ChannelStatusCount. */
            class ChannelStatusCount {

                /**
                 * Constructs a new ChannelStatusCount.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.ChannelStatusCount.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ChannelStatusCount channel. */
                channel: string;

                /** ChannelStatusCount status. */
                status: string;

                /** ChannelStatusCount count. */
                count: number;

                /**
                 * Creates a new ChannelStatusCount instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ChannelStatusCount instance
                 */
                static create(properties: pallet.dashboard.v1.ChannelStatusCount.$Shape): pallet.dashboard.v1.ChannelStatusCount & pallet.dashboard.v1.ChannelStatusCount.$Shape;
                static create(properties?: pallet.dashboard.v1.ChannelStatusCount.$Properties): pallet.dashboard.v1.ChannelStatusCount;

                /**
                 * Encodes the specified ChannelStatusCount message. Does not implicitly {@link pallet.dashboard.v1.ChannelStatusCount.verify|verify} messages.
                 * @param message ChannelStatusCount message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.ChannelStatusCount.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ChannelStatusCount message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.ChannelStatusCount & pallet.dashboard.v1.ChannelStatusCount.$Shape} ChannelStatusCount
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.ChannelStatusCount & pallet.dashboard.v1.ChannelStatusCount.$Shape;

                /**
                 * Creates a ChannelStatusCount message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ChannelStatusCount
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.ChannelStatusCount;

                /**
                 * Creates a plain object from a ChannelStatusCount message. Also converts values to other types if specified.
                 * @param message ChannelStatusCount
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.ChannelStatusCount, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ChannelStatusCount to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ChannelStatusCount
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ChannelStatusCount {

                /** Properties of a ChannelStatusCount. */
                interface $Properties {

                    /** ChannelStatusCount channel */
                    channel?: (string|null);

                    /** ChannelStatusCount status */
                    status?: (string|null);

                    /** ChannelStatusCount count */
                    count?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ChannelStatusCount. */
                type $Shape = pallet.dashboard.v1.ChannelStatusCount.$Properties;
            }

            /**
             * Properties of a HoldReason.
             * @deprecated Use pallet.dashboard.v1.HoldReason.$Properties instead.
             */
            interface IHoldReason extends pallet.dashboard.v1.HoldReason.$Properties {
            }

            /** Represents a HoldReason. */
            class HoldReason {

                /**
                 * Constructs a new HoldReason.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.HoldReason.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HoldReason rule. */
                rule: string;

                /** HoldReason detail. */
                detail: string;

                /**
                 * Creates a new HoldReason instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HoldReason instance
                 */
                static create(properties: pallet.dashboard.v1.HoldReason.$Shape): pallet.dashboard.v1.HoldReason & pallet.dashboard.v1.HoldReason.$Shape;
                static create(properties?: pallet.dashboard.v1.HoldReason.$Properties): pallet.dashboard.v1.HoldReason;

                /**
                 * Encodes the specified HoldReason message. Does not implicitly {@link pallet.dashboard.v1.HoldReason.verify|verify} messages.
                 * @param message HoldReason message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.HoldReason.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HoldReason message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.HoldReason & pallet.dashboard.v1.HoldReason.$Shape} HoldReason
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.HoldReason & pallet.dashboard.v1.HoldReason.$Shape;

                /**
                 * Creates a HoldReason message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HoldReason
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.HoldReason;

                /**
                 * Creates a plain object from a HoldReason message. Also converts values to other types if specified.
                 * @param message HoldReason
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.HoldReason, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HoldReason to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for HoldReason
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HoldReason {

                /** Properties of a HoldReason. */
                interface $Properties {

                    /** HoldReason rule */
                    rule?: (string|null);

                    /** HoldReason detail */
                    detail?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HoldReason. */
                type $Shape = pallet.dashboard.v1.HoldReason.$Properties;
            }

            /**
             * Properties of a HeldOrder.
             * @deprecated Use pallet.dashboard.v1.HeldOrder.$Properties instead.
             */
            interface IHeldOrder extends pallet.dashboard.v1.HeldOrder.$Properties {
            }

            /** Represents a HeldOrder. */
            class HeldOrder {

                /**
                 * Constructs a new HeldOrder.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.HeldOrder.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HeldOrder orderId. */
                orderId: string;

                /** HeldOrder channel. */
                channel: string;

                /** HeldOrder externalId. */
                externalId: string;

                /** HeldOrder holds. */
                holds: pallet.dashboard.v1.HoldReason.$Properties[];

                /** HeldOrder since. */
                since: number;

                /** HeldOrder currency. */
                currency: string;

                /** HeldOrder totalMinor. */
                totalMinor: number;

                /** HeldOrder version. */
                version: number;

                /**
                 * Creates a new HeldOrder instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HeldOrder instance
                 */
                static create(properties: pallet.dashboard.v1.HeldOrder.$Shape): pallet.dashboard.v1.HeldOrder & pallet.dashboard.v1.HeldOrder.$Shape;
                static create(properties?: pallet.dashboard.v1.HeldOrder.$Properties): pallet.dashboard.v1.HeldOrder;

                /**
                 * Encodes the specified HeldOrder message. Does not implicitly {@link pallet.dashboard.v1.HeldOrder.verify|verify} messages.
                 * @param message HeldOrder message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.HeldOrder.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HeldOrder message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.HeldOrder & pallet.dashboard.v1.HeldOrder.$Shape} HeldOrder
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.HeldOrder & pallet.dashboard.v1.HeldOrder.$Shape;

                /**
                 * Creates a HeldOrder message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HeldOrder
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.HeldOrder;

                /**
                 * Creates a plain object from a HeldOrder message. Also converts values to other types if specified.
                 * @param message HeldOrder
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.HeldOrder, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HeldOrder to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for HeldOrder
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HeldOrder {

                /** Properties of a HeldOrder. */
                interface $Properties {

                    /** HeldOrder orderId */
                    orderId?: (string|null);

                    /** HeldOrder channel */
                    channel?: (string|null);

                    /** HeldOrder externalId */
                    externalId?: (string|null);

                    /** HeldOrder holds */
                    holds?: (pallet.dashboard.v1.HoldReason.$Properties[]|null);

                    /** HeldOrder since */
                    since?: (number|null);

                    /** HeldOrder currency */
                    currency?: (string|null);

                    /** HeldOrder totalMinor */
                    totalMinor?: (number|null);

                    /** HeldOrder version */
                    version?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HeldOrder. */
                type $Shape = pallet.dashboard.v1.HeldOrder.$Properties;
            }

            /**
             * Properties of an OrderPool.
             * @deprecated Use pallet.dashboard.v1.OrderPool.$Properties instead.
             */
            interface IOrderPool extends pallet.dashboard.v1.OrderPool.$Properties {
            }

            /** Represents an OrderPool. */
            class OrderPool {

                /**
                 * Constructs a new OrderPool.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.OrderPool.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** OrderPool day. */
                day: string;

                /** OrderPool timeZone. */
                timeZone: string;

                /** OrderPool dayStart. */
                dayStart: number;

                /** OrderPool total. */
                total: number;

                /** OrderPool counts. */
                counts: pallet.dashboard.v1.ChannelStatusCount.$Properties[];

                /** OrderPool held. */
                held: pallet.dashboard.v1.HeldOrder.$Properties[];

                /** OrderPool unheld. */
                unheld: string[];

                /** OrderPool heldCount. */
                heldCount: number;

                /** OrderPool paidToReleasedMs. */
                paidToReleasedMs: number;

                /** OrderPool paidToReleasedSamples. */
                paidToReleasedSamples: number;

                /** OrderPool paidToReleasedMeasured. */
                paidToReleasedMeasured: number;

                /** OrderPool approximate. */
                approximate: boolean;

                /**
                 * Creates a new OrderPool instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns OrderPool instance
                 */
                static create(properties: pallet.dashboard.v1.OrderPool.$Shape): pallet.dashboard.v1.OrderPool & pallet.dashboard.v1.OrderPool.$Shape;
                static create(properties?: pallet.dashboard.v1.OrderPool.$Properties): pallet.dashboard.v1.OrderPool;

                /**
                 * Encodes the specified OrderPool message. Does not implicitly {@link pallet.dashboard.v1.OrderPool.verify|verify} messages.
                 * @param message OrderPool message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.OrderPool.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an OrderPool message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.OrderPool & pallet.dashboard.v1.OrderPool.$Shape} OrderPool
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.OrderPool & pallet.dashboard.v1.OrderPool.$Shape;

                /**
                 * Creates an OrderPool message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns OrderPool
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.OrderPool;

                /**
                 * Creates a plain object from an OrderPool message. Also converts values to other types if specified.
                 * @param message OrderPool
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.OrderPool, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this OrderPool to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for OrderPool
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace OrderPool {

                /** Properties of an OrderPool. */
                interface $Properties {

                    /** OrderPool day */
                    day?: (string|null);

                    /** OrderPool timeZone */
                    timeZone?: (string|null);

                    /** OrderPool dayStart */
                    dayStart?: (number|null);

                    /** OrderPool total */
                    total?: (number|null);

                    /** OrderPool counts */
                    counts?: (pallet.dashboard.v1.ChannelStatusCount.$Properties[]|null);

                    /** OrderPool held */
                    held?: (pallet.dashboard.v1.HeldOrder.$Properties[]|null);

                    /** OrderPool unheld */
                    unheld?: (string[]|null);

                    /** OrderPool heldCount */
                    heldCount?: (number|null);

                    /** OrderPool paidToReleasedMs */
                    paidToReleasedMs?: (number|null);

                    /** OrderPool paidToReleasedSamples */
                    paidToReleasedSamples?: (number|null);

                    /** OrderPool paidToReleasedMeasured */
                    paidToReleasedMeasured?: (number|null);

                    /** OrderPool approximate */
                    approximate?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an OrderPool. */
                type $Shape = pallet.dashboard.v1.OrderPool.$Properties;
            }

            /**
             * Properties of an Error.
             * @deprecated Use pallet.dashboard.v1.Error.$Properties instead.
             */
            interface IError extends pallet.dashboard.v1.Error.$Properties {
            }

            /** Represents an Error. */
            class Error {

                /**
                 * Constructs a new Error.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Error.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Error code. */
                code: string;

                /** Error detail. */
                detail: string;

                /**
                 * Creates a new Error instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Error instance
                 */
                static create(properties: pallet.dashboard.v1.Error.$Shape): pallet.dashboard.v1.Error & pallet.dashboard.v1.Error.$Shape;
                static create(properties?: pallet.dashboard.v1.Error.$Properties): pallet.dashboard.v1.Error;

                /**
                 * Encodes the specified Error message. Does not implicitly {@link pallet.dashboard.v1.Error.verify|verify} messages.
                 * @param message Error message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Error message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Error & pallet.dashboard.v1.Error.$Shape} Error
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Error & pallet.dashboard.v1.Error.$Shape;

                /**
                 * Creates an Error message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Error
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Error;

                /**
                 * Creates a plain object from an Error message. Also converts values to other types if specified.
                 * @param message Error
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Error, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Error to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Error
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Error {

                /** Properties of an Error. */
                interface $Properties {

                    /** Error code */
                    code?: (string|null);

                    /** Error detail */
                    detail?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Error. */
                type $Shape = pallet.dashboard.v1.Error.$Properties;
            }

            /**
             * Properties of a Frame.
             * @deprecated Use pallet.dashboard.v1.Frame.$Properties instead.
             */
            interface IFrame extends pallet.dashboard.v1.Frame.$Properties {
            }

            /** Represents a Frame. */
            class Frame {

                /**
                 * Constructs a new Frame.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: pallet.dashboard.v1.Frame.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Frame type. */
                type: string;

                /** Frame topic. */
                topic: string;

                /** Frame seq. */
                seq: number;

                /** Frame at. */
                at: number;

                /** Frame stock. */
                stock?: (pallet.dashboard.v1.Stock.$Properties|null);

                /** Frame lowStock. */
                lowStock?: (pallet.dashboard.v1.LowStock.$Properties|null);

                /** Frame orders. */
                orders?: (pallet.dashboard.v1.OrdersToday.$Properties|null);

                /** Frame exceptions. */
                exceptions?: (pallet.dashboard.v1.Exceptions.$Properties|null);

                /** Frame error. */
                error?: (pallet.dashboard.v1.Error.$Properties|null);

                /** Frame orderPool. */
                orderPool?: (pallet.dashboard.v1.OrderPool.$Properties|null);

                /** Frame data. */
                data?: ("stock"|"lowStock"|"orders"|"exceptions"|"error"|"orderPool");

                /**
                 * Creates a new Frame instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Frame instance
                 */
                static create(properties: pallet.dashboard.v1.Frame.$Shape): pallet.dashboard.v1.Frame & pallet.dashboard.v1.Frame.$Shape;
                static create(properties?: pallet.dashboard.v1.Frame.$Properties): pallet.dashboard.v1.Frame;

                /**
                 * Encodes the specified Frame message. Does not implicitly {@link pallet.dashboard.v1.Frame.verify|verify} messages.
                 * @param message Frame message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: pallet.dashboard.v1.Frame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Frame message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {pallet.dashboard.v1.Frame & pallet.dashboard.v1.Frame.$Shape} Frame
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): pallet.dashboard.v1.Frame & pallet.dashboard.v1.Frame.$Shape;

                /**
                 * Creates a Frame message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Frame
                 */
                static fromObject(object: { [k: string]: any }): pallet.dashboard.v1.Frame;

                /**
                 * Creates a plain object from a Frame message. Also converts values to other types if specified.
                 * @param message Frame
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: pallet.dashboard.v1.Frame, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Frame to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Frame
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Frame {

                /** Properties of a Frame. */
                interface $Properties {

                    /** Frame type */
                    type?: (string|null);

                    /** Frame topic */
                    topic?: (string|null);

                    /** Frame seq */
                    seq?: (number|null);

                    /** Frame at */
                    at?: (number|null);

                    /** Frame stock */
                    stock?: (pallet.dashboard.v1.Stock.$Properties|null);

                    /** Frame lowStock */
                    lowStock?: (pallet.dashboard.v1.LowStock.$Properties|null);

                    /** Frame orders */
                    orders?: (pallet.dashboard.v1.OrdersToday.$Properties|null);

                    /** Frame exceptions */
                    exceptions?: (pallet.dashboard.v1.Exceptions.$Properties|null);

                    /** Frame error */
                    error?: (pallet.dashboard.v1.Error.$Properties|null);

                    /** Frame orderPool */
                    orderPool?: (pallet.dashboard.v1.OrderPool.$Properties|null);

                    /** Frame data */
                    data?: ("stock"|"lowStock"|"orders"|"exceptions"|"error"|"orderPool");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of a Frame. */
                type $Shape = {
                  type?: string|null;
                  topic?: string|null;
                  seq?: number|null;
                  at?: number|null;
                  stock?: pallet.dashboard.v1.Stock.$Shape|null;
                  lowStock?: pallet.dashboard.v1.LowStock.$Shape|null;
                  orders?: pallet.dashboard.v1.OrdersToday.$Shape|null;
                  exceptions?: pallet.dashboard.v1.Exceptions.$Shape|null;
                  error?: pallet.dashboard.v1.Error.$Shape|null;
                  orderPool?: pallet.dashboard.v1.OrderPool.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ data?: undefined; stock?: null; lowStock?: null; orders?: null; exceptions?: null; error?: null; orderPool?: null }|{ data?: "stock"; stock: pallet.dashboard.v1.Stock.$Shape; lowStock?: null; orders?: null; exceptions?: null; error?: null; orderPool?: null }|{ data?: "lowStock"; stock?: null; lowStock: pallet.dashboard.v1.LowStock.$Shape; orders?: null; exceptions?: null; error?: null; orderPool?: null }|{ data?: "orders"; stock?: null; lowStock?: null; orders: pallet.dashboard.v1.OrdersToday.$Shape; exceptions?: null; error?: null; orderPool?: null }|{ data?: "exceptions"; stock?: null; lowStock?: null; orders?: null; exceptions: pallet.dashboard.v1.Exceptions.$Shape; error?: null; orderPool?: null }|{ data?: "error"; stock?: null; lowStock?: null; orders?: null; exceptions?: null; error: pallet.dashboard.v1.Error.$Shape; orderPool?: null }|{ data?: "orderPool"; stock?: null; lowStock?: null; orders?: null; exceptions?: null; error?: null; orderPool: pallet.dashboard.v1.OrderPool.$Shape })
                );
            }
        }
    }
}
