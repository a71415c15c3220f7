package io.community.proto.mapping;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: a real trip over the wire, and a check that a mapping forgot no field. */
final class Wire {
    private Wire() {}

    /** Serializes and parses again, so presence, maps and enums are checked as they really travel. */
    @SuppressWarnings("unchecked")
    static <M extends Message> M trip(M message) {
        try {
            return (M) message.getParserForType().parseFrom(message.toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Every field of a message built from a record whose values are all non-default is set; a
     * field the mapping forgot would be missing here.
     */
    static void assertEveryFieldSet(Message message) {
        List<String> all = message.getDescriptorForType().getFields().stream()
                .map(FieldDescriptor::getName)
                .toList();
        List<String> set = message.getAllFields().keySet().stream()
                .map(FieldDescriptor::getName)
                .toList();
        assertThat(set)
                .as(message.getDescriptorForType().getName() + " fields set")
                .containsExactlyInAnyOrderElementsOf(all);
    }
}
