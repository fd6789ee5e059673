// A reference server on 127.0.0.1 with a real organisation set up on it (org-setup.ts).
import { type RunningServer, startReferenceServer } from './fixtures.ts';
import { type Organisation, SETUP_CODE, setUpOrganisationOn } from './org-setup.ts';

export { type Organisation, SETUP_CODE, setUpOrganisationOn };

export type OrgServer = RunningServer & Organisation;

/** A reference server on 127.0.0.1 whose organisation was set up through the real crypto and the real API. */
export const startOrgServer = async (orgName?: string): Promise<OrgServer> => {
  const server = await startReferenceServer({ setupCode: SETUP_CODE, tokens: [] });
  return { ...server, ...(await setUpOrganisationOn(server.url, orgName)) };
};
