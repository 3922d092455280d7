package com.acme.transfers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.junit.WeftExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transfers both ways between two accounts: correct results, and a lock-order inversion (a warning). */
@ExtendWith(WeftExtension.class)
class InvertedOrderCase {
    @Test
    void transfersBothWays() throws InterruptedException {
        TransferScenarios.bothWays();
    }

    @Test
    void aSingleTransfer() {
        Accounts from = new Accounts(10);
        Accounts to = new Accounts(0);
        Accounts.transfer(from, to, 10);
        assertEquals(10, to.balance());
    }
}
