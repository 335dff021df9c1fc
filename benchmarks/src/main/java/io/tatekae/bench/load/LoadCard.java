package io.tatekae.bench.load;

/** One provisioned card as the tester sees it: what it needs to build requests with a known answer. */
record LoadCard(String pan, String expiry, String name, String cav2, long available) {
    @Override
    public String toString() {
        return pan.substring(0, 6) + "******" + pan.substring(pan.length() - 4);
    }
}
