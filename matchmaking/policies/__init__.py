"""Policy release (政策发布): the bureau publishes support policies; everyone reads them."""
