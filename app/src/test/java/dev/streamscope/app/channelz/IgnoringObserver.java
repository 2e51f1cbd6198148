package dev.streamscope.app.channelz;

import com.google.protobuf.StringValue;
import io.grpc.stub.StreamObserver;

/** Hears a stream and does nothing: the leaked and never-read streams the tests and benchmarks open. */
public final class IgnoringObserver implements StreamObserver<StringValue> {
    @Override
    public void onNext(StringValue value) {}

    @Override
    public void onError(Throwable failure) {}

    @Override
    public void onCompleted() {}
}
