"""产教融合型企业 certification: application, the review chain, public notice (公示), certificates."""
