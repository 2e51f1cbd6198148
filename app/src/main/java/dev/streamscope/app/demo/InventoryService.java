package dev.streamscope.app.demo;

import com.google.protobuf.StringValue;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * The server side of {@code streamscope.demo.Inventory}. Its bug is ordinary: a {@code Watch} stream holds a buffer
 * until the client half-closes or cancels, so a client that does neither pins that buffer for as long as the
 * connection lives.
 */
final class InventoryService {

    private static final int ITEMS_PER_LIST = 5;

    private final LeakLedger ledger;

    InventoryService(LeakLedger ledger) {
        this.ledger = ledger;
    }

    ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(InventoryMethods.SERVICE)
                .addMethod(InventoryMethods.LOOKUP, ServerCalls.asyncUnaryCall(this::lookup))
                .addMethod(InventoryMethods.LIST_ITEMS, ServerCalls.asyncServerStreamingCall(this::listItems))
                .addMethod(InventoryMethods.WATCH, ServerCalls.asyncBidiStreamingCall(this::watch))
                .build();
    }

    private void lookup(StringValue itemId, StreamObserver<StringValue> response) {
        response.onNext(StringValue.of("item " + itemId.getValue() + ": in stock"));
        response.onCompleted();
    }

    private void listItems(StringValue category, StreamObserver<StringValue> items) {
        for (int index = 0; index < ITEMS_PER_LIST; index++) {
            items.onNext(StringValue.of(category.getValue() + "-" + index));
        }
        items.onCompleted();
    }

    private StreamObserver<StringValue> watch(StreamObserver<StringValue> notices) {
        LeakLedger.Pin pin = ledger.open();
        return new StreamObserver<>() {
            @Override
            public void onNext(StringValue itemId) {
                notices.onNext(StringValue.of("watching " + itemId.getValue()));
            }

            @Override
            public void onError(Throwable cancelled) {
                pin.release();
            }

            @Override
            public void onCompleted() {
                pin.release();
                notices.onCompleted();
            }
        };
    }
}
