"""规上企业 and 国有企业 as reviewed facts: an enterprise asks, the bureau or the competent department confirms."""
