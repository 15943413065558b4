"""The pandas dtypes of records in frames, shared by the store that loads them and the analytics."""

import pandas as pd

from followthrough.models import Stage

# Stage as a categorical in the enum's order, so analytics can index by code.
STAGE_DTYPE = pd.CategoricalDtype([s.value for s in Stage])
