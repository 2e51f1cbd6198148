package dev.streamscope.app.demo;

import com.google.protobuf.StringValue;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.protobuf.ProtoUtils;

/**
 * The demo's gRPC service, {@code streamscope.demo.Inventory}, described by hand: well-known protobuf types as messages
 * mean no protoc step in the build. Server and clients share these descriptors.
 */
final class InventoryMethods {

    static final String SERVICE = "streamscope.demo.Inventory";

    /** Unary: an item id in, its description out. */
    static final MethodDescriptor<StringValue, StringValue> LOOKUP = method("Lookup", MethodType.UNARY);

    /** Server streaming: a category in, a handful of item ids out, then the stream completes. */
    static final MethodDescriptor<StringValue, StringValue> LIST_ITEMS =
            method("ListItems", MethodType.SERVER_STREAMING);

    /** Bidi: item ids in, change notices out, until the client half-closes. The leak lives here. */
    static final MethodDescriptor<StringValue, StringValue> WATCH = method("Watch", MethodType.BIDI_STREAMING);

    private InventoryMethods() {}

    private static MethodDescriptor<StringValue, StringValue> method(String name, MethodType type) {
        MethodDescriptor.Marshaller<StringValue> marshaller = ProtoUtils.marshaller(StringValue.getDefaultInstance());
        return MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(marshaller)
                .setResponseMarshaller(marshaller)
                .build();
    }
}
