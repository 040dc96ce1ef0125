import { Command, profileArg } from './command';

/** Reveal in Config File (Profiles view): the profile's section, in the file that defines it. */
export const revealProfile: Command = {
  id: 'awsRoleSwitcher.revealProfile',
  run: async (edge, profile) => {
    const name = profileArg(profile);
    const origin = name !== undefined ? (await edge.files.loaded())?.profiles.get(name)?.origin : undefined;
    return edge.files.open(origin?.file, origin?.line);
  },
};
