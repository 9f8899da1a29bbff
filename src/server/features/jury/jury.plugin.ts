import fp from "fastify-plugin";
import finalRoutes from "./final.routes";
import juryRoutes from "./jury.routes";

/** The expert council: judges, conflicts, blind score sheets, round results, the final, prizes, honour page. */
export const juryPlugin = fp(
  async (app) => {
    await app.register(juryRoutes);
    await app.register(finalRoutes);
  },
  { name: "feature-jury", dependencies: ["auth", "feature-certificates"] },
);
