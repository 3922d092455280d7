package dev.weft.cli.read;

/** Tells someone watching how far reading a file has come. */
interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void eventsRead(long events) {
        }

        @Override
        public void done() {
        }
    };

    void eventsRead(long events);

    void done();
}
