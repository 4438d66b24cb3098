/**
 * The environment for child processes whose start-up time is part of a figure (cold import, the type-check's
 * process time). Two inherited variables would add a fixed cost to every such process and so dilute every ratio:
 * `NODE_EXTRA_CA_CERTS` makes each `node` parse a whole CA bundle before running anything (about 70 ms of a 40 ms
 * start on a machine that sets it), and `NODE_OPTIONS` can preload modules or change flags. Neither has any use in
 * a process that makes no TLS connection. Children that reach the network (npm installs) keep the full environment.
 */
export const STRIPPED_ENV_VARIABLES = ["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"] as const;

export function timedChildEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of STRIPPED_ENV_VARIABLES) delete env[name];
  return env;
}
