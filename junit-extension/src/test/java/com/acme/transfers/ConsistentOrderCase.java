package com.acme.transfers;

import dev.weft.junit.WeftExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transfers one way only from two threads: the locks are always taken in the same order. */
@Order(2) // WeftJUnitIT runs the classes in this order
@ExtendWith(WeftExtension.class)
class ConsistentOrderCase {
    @Test
    void transfersOneWay() throws InterruptedException {
        TransferScenarios.oneWay();
    }
}
