"""Sources stage: feeds, sitemaps and URL lists fetched from the network, politely and safely."""
