package io.annals.cluster.directory;

/** Lets a test play the directory view: it replaces the holder's directory as gossip would. */
public final class DirectoryUpdates {
    private DirectoryUpdates() {}

    public static void publish(DirectoryHolder holder, Directory directory) {
        holder.set(directory);
    }
}
