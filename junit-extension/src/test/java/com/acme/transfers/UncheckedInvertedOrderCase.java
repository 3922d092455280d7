package com.acme.transfers;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The inversion of {@link InvertedOrderCase} in a class without the extension: for the run-wide check. */
@Order(1) // WeftJUnitIT runs the classes in this order
class UncheckedInvertedOrderCase {
    @Test
    void transfersBothWays() throws InterruptedException {
        TransferScenarios.bothWays();
    }
}
