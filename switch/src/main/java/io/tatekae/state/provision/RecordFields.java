package io.tatekae.state.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/**
 * Typed, range-checked reads of one provisioning object's fields. Reasons name the field and what
 * it must be, never the value given (a value could be a PAN typed into the wrong field).
 */
final class RecordFields {
    private RecordFields() {
    }

    static String text(ObjectNode obj, String field) throws InvalidRecordException {
        JsonNode node = obj.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRecordException("missing \"" + field + "\"");
        }
        if (!node.isTextual()) {
            throw new InvalidRecordException("\"" + field + "\" must be a string");
        }
        return node.textValue();
    }

    static long wholeNumber(ObjectNode obj, String field, long min, long max) throws InvalidRecordException {
        JsonNode node = obj.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRecordException("missing \"" + field + "\"");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < min || node.longValue() > max) {
            throw new InvalidRecordException("\"" + field + "\" must be a whole number from " + min + " to " + max);
        }
        return node.longValue();
    }

    static boolean bool(ObjectNode obj, String field) throws InvalidRecordException {
        JsonNode node = obj.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRecordException("missing \"" + field + "\"");
        }
        if (!node.isBoolean()) {
            throw new InvalidRecordException("\"" + field + "\" must be true or false");
        }
        return node.booleanValue();
    }

    static <E extends Enum<E>> E oneOf(ObjectNode obj, String field, Class<E> type) throws InvalidRecordException {
        String text = text(obj, field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        throw new InvalidRecordException("\"" + field + "\" must be one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    static boolean present(ObjectNode obj, String field) {
        JsonNode node = obj.get(field);
        return node != null && !node.isNull();
    }

    /** Printable ASCII (space to tilde) only. */
    static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
