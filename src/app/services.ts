// The long-lived services the screens use, handed down through one Preact context.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SwBridge } from '../pwa/sw-bridge.ts';
import type { Connectivity } from '../sync/connectivity.ts';

export type Services = {
  bridge: SwBridge;
  connectivity: Connectivity;
};

export const ServicesContext = createContext<Services | null>(null);

export const useServices = (): Services => {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
};
