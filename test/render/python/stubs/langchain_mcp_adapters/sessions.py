StreamableHttpConnection = dict
