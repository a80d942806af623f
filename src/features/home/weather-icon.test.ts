import { describe, expect, it } from 'vitest';
import { weatherIcon } from './home-header.tsx';

describe('weatherIcon', () => {
  it("draws the Homey's weather iconId by its kind, by day and by night", () => {
    expect(weatherIcon('clouds_light_day')).toBe('cloud-sun');
    expect(weatherIcon('clouds_light_night')).toBe('cloud-moon');
    expect(weatherIcon('clouds_heavy_day')).toBe('cloud');
    expect(weatherIcon('rain_light_day')).toBe('cloud-rain');
    expect(weatherIcon('snow_day')).toBe('cloud-snow');
    expect(weatherIcon('thunderstorm_night')).toBe('cloud-lightning');
    expect(weatherIcon('clear_night')).toBe('moon');
    expect(weatherIcon('clear_day')).toBe('sun');
    expect(weatherIcon('something_new')).toBeUndefined();
    expect(weatherIcon(null)).toBeUndefined();
  });
});
