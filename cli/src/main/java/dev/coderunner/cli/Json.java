package dev.coderunner.cli;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON in and out with Jackson's streaming parser and tree nodes only. Building a {@code JsonMapper} loads and
 * initialises hundreds of classes, more start-up than a whole command's own work, and a CLI needs no data binding.
 */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriteContext PRETTY = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new DefaultPrettyPrinter();
        }
    };

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses one JSON value; throws {@link tools.jackson.core.JacksonException} on bad input. */
    static JsonNode parse(String text) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            return first == null ? NODES.missingNode() : read(parser, first);
        }
    }

    /** Writes a tree node, or maps, lists, strings, numbers, booleans and nulls made of them. */
    static String write(Object value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(pretty ? PRETTY : ObjectWriteContext.empty(), out)) {
            write(generator, value);
        }
        return out.toString();
    }

    private static JsonNode read(JsonParser parser, JsonToken token) {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    object.set(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.stringNode(parser.getString());
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? NODES.numberNode(parser.getBigIntegerValue()) : NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    private static void write(JsonGenerator out, Object value) {
        switch (value) {
            case null -> out.writeNull();
            case JsonNode node -> writeNode(out, node);
            case Map<?, ?> map -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.writeName(String.valueOf(entry.getKey()));
                    write(out, entry.getValue());
                }
                out.writeEndObject();
            }
            case Iterable<?> items -> {
                out.writeStartArray();
                for (Object item : items) {
                    write(out, item);
                }
                out.writeEndArray();
            }
            case String text -> out.writeString(text);
            case Boolean flag -> out.writeBoolean(flag);
            case Integer number -> out.writeNumber(number);
            case Long number -> out.writeNumber(number);
            case Number number -> out.writeNumber(new BigDecimal(number.toString()));
            default -> throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
        }
    }

    private static void writeNode(JsonGenerator out, JsonNode node) {
        if (node.isObject()) {
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                out.writeName(property.getKey());
                writeNode(out, property.getValue());
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode item : node) {
                writeNode(out, item);
            }
            out.writeEndArray();
        } else if (node.isString()) {
            out.writeString(node.stringValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            out.writeNumber(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.writeNumber(node.decimalValue());
        } else {
            out.writeNull();
        }
    }
}
