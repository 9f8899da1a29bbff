import { inject } from "vitest";

// The PostgreSQL chosen once for the run (postgres-global-setup.ts); dialects.ts reads it from here.
process.env.TEST_POSTGRES_URL = inject("testPostgresUrl");
