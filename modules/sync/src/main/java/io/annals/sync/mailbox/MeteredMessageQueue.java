package io.annals.sync.mailbox;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.UnboundedMessageQueueSemantics;

/**
 * An unbounded mailbox queue that keeps its size in a counter, so its depth costs O(1) to read (a
 * {@link ConcurrentLinkedQueue}'s own size() walks the queue). Many producers, one consumer, as
 * every Pekko mailbox; this is mailbox plumbing, not actor state.
 */
final class MeteredMessageQueue implements MessageQueue, UnboundedMessageQueueSemantics {

    private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Runnable onCleanUp;

    MeteredMessageQueue(Runnable onCleanUp) {
        this.onCleanUp = onCleanUp;
    }

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
        queue.add(handle);
        peak.accumulateAndGet(depth.incrementAndGet(), Math::max);
    }

    @Override
    public Envelope dequeue() {
        Envelope envelope = queue.poll();
        if (envelope != null) {
            depth.decrementAndGet();
        }
        return envelope;
    }

    @Override
    public int numberOfMessages() {
        return Math.max(0, depth.get());
    }

    int peak() {
        return peak.get();
    }

    @Override
    public boolean hasMessages() {
        return !queue.isEmpty();
    }

    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
        onCleanUp.run();
        Envelope envelope;
        while ((envelope = dequeue()) != null) {
            deadLetters.enqueue(owner, envelope);
        }
    }
}
